public import TimeSeries

/// The annotations that carry a process's evidence on an alert that names the process (its
/// `pid` or `name` label, and `instance`): what the agent fetched from the node's `/process`
/// when the alert became pending or fired. docs/delivery.md lists them for receivers.
///
/// They are added as the alert leaves, never over an annotation of the same name the rule set.
public enum EvidenceAnnotation {
    /// The innermost frames of `current_stacktrace`, one `module:function/arity (file:line)` a
    /// line, at most `maxFrames`.
    public static let stacktrace = "stacktrace"
    /// The process's status: `waiting`, `running`, `runnable`, `suspended`, …
    public static let status = "status"
    /// `stuck`, `slow`, `catching up`, `keeping up` or `unknown`.
    public static let verdict = "verdict"
    /// Which figures led to the verdict.
    public static let verdictReason = "verdict_reason"
    /// `module:function/arity` it runs or waits in.
    public static let currentFunction = "current_function"
    /// The exporter's reductions rate, a plain number.
    public static let reductionsPerSecond = "reductions_per_second"
    /// When the evidence was fetched, RFC 3339.
    public static let fetchedAt = "evidence_fetched_at"

    /// Every name, in the order documented.
    public static let all = [stacktrace, status, verdict, verdictReason, currentFunction, reductionsPerSecond, fetchedAt]

    /// Frames `stacktrace` holds at most.
    public static let maxFrames = 8
    /// Characters a frame's line holds at most; a longer one is cut with `…`.
    public static let maxFrameLength = 200
    /// Frames a Slack message shows.
    public static let slackFrames = 3
}

extension Alert {
    /// The alert with each of `extra` added where it has no annotation of that name: what a
    /// rule sets itself is never overwritten.
    public func addingAnnotations(_ extra: Labels) -> Alert {
        guard !extra.isEmpty else { return self }
        var copy = self
        for annotation in extra where copy.annotations[annotation.name] == nil {
            copy.annotations.set(annotation.name, annotation.value)
        }
        return copy
    }
}
