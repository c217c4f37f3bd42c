public import TimeSeries

/// One alert: what an alerting rule made of one series of its expression, and everything
/// delivery needs to send it and send it again, as Prometheus hands alerts to Alertmanager.
public struct Alert: Sendable, Equatable {
    /// The series' labels without `__name__`, the rule's labels (templated) and `alertname`.
    public var labels: Labels
    public var annotations: Labels
    public var state: AlertState
    /// The expression's value at the last evaluation.
    public var value: Double
    /// When the condition started to hold (the alert became pending).
    public var activeAt: Timestamp
    public var firedAt: Timestamp?
    /// Set when a firing alert stopped; a resolved alert is kept and re-sent for a while.
    public var resolvedAt: Timestamp?
    /// When it was last handed to delivery.
    public var lastSentAt: Timestamp?
    /// Until when the last send holds: Alertmanager treats the alert as resolved after this
    /// unless it is sent again (`endsAt` of a firing alert).
    public var validUntil: Timestamp?
    /// When the condition stopped while `keep_firing_for` kept the alert firing.
    public var keepFiringSince: Timestamp?
    /// Prometheus's fingerprint of `labels`, the alert's identity for Alertmanager.
    public let fingerprint: UInt64
    /// A link to the rule's expression on the agent's web page (Prometheus's `generatorURL`).
    public var generatorURL: String
    /// The rule and group that made it.
    public var ruleName: String
    public var groupName: String

    public init(
        labels: Labels, annotations: Labels = Labels(), state: AlertState, value: Double, activeAt: Timestamp,
        firedAt: Timestamp? = nil, resolvedAt: Timestamp? = nil, lastSentAt: Timestamp? = nil, validUntil: Timestamp? = nil,
        keepFiringSince: Timestamp? = nil, generatorURL: String = "", ruleName: String = "", groupName: String = ""
    ) {
        self.labels = labels
        self.annotations = annotations
        self.state = state
        self.value = value
        self.activeAt = activeAt
        self.firedAt = firedAt
        self.resolvedAt = resolvedAt
        self.lastSentAt = lastSentAt
        self.validUntil = validUntil
        self.keepFiringSince = keepFiringSince
        fingerprint = labels.fingerprint
        self.generatorURL = generatorURL
        self.ruleName = ruleName
        self.groupName = groupName
    }

    /// The alert's name, its `alertname` label.
    public var name: String { labels["alertname"] ?? ruleName }

    /// Whether it was firing and has stopped.
    public var isResolved: Bool { state == .inactive && resolvedAt != nil }

    /// Whether delivery should get it now: firing or resolved (never pending), and either
    /// resolved since it was last sent or not sent for `resendDelay` — Prometheus's rule.
    func needsSending(at time: Timestamp, resendDelay: PromDuration) -> Bool {
        if state == .pending { return false }
        if let resolvedAt, resolvedAt > (lastSentAt ?? Timestamp(milliseconds: .min)) { return true }
        guard let lastSentAt else { return true }
        return lastSentAt + resendDelay < time
    }

    public static func == (lhs: Alert, rhs: Alert) -> Bool {
        lhs.labels == rhs.labels && lhs.annotations == rhs.annotations && lhs.state == rhs.state
            && (lhs.value == rhs.value || lhs.value.isNaN && rhs.value.isNaN) && lhs.activeAt == rhs.activeAt
            && lhs.firedAt == rhs.firedAt && lhs.resolvedAt == rhs.resolvedAt && lhs.lastSentAt == rhs.lastSentAt
            && lhs.validUntil == rhs.validUntil && lhs.keepFiringSince == rhs.keepFiringSince
            && lhs.generatorURL == rhs.generatorURL && lhs.ruleName == rhs.ruleName && lhs.groupName == rhs.groupName
    }
}

/// A change of an alert's state in one evaluation.
public struct AlertTransition: Sendable, Equatable {
    public var alert: Alert
    public var from: AlertState
    public var to: AlertState

    public init(alert: Alert, from: AlertState, to: AlertState) {
        self.alert = alert
        self.from = from
        self.to = to
    }
}

/// Where the engine hands alerts for delivery: a function, so the notifier (webhooks, later)
/// can be anything — a queue, an outbox, a test's array.
public typealias AlertSink = @Sendable ([Alert]) -> Void

extension Alert {
    /// The alert as resolved at `time`.
    func resolved(at time: Timestamp) -> Alert {
        var copy = self
        copy.state = .inactive
        copy.resolvedAt = time
        return copy
    }
}
