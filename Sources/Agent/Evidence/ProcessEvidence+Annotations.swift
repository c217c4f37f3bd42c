import Alerting
import Evidence
import TimeSeries

extension ProcessEvidence {
    /// What an alert on this process carries (`EvidenceAnnotation`): the innermost frames, one a
    /// line, status, verdict and its reason, current function, reductions rate, and when it was
    /// fetched. Fields the exporter did not give are left out.
    func annotations(verdict: Verdict, fetchedAt: Timestamp) -> Labels {
        var labels = Labels()
        let frames = currentStacktrace.prefix(EvidenceAnnotation.maxFrames).map { frame in
            let line = frame.description
            return line.count > EvidenceAnnotation.maxFrameLength ? String(line.prefix(EvidenceAnnotation.maxFrameLength - 1)) + "…" : line
        }
        if !frames.isEmpty { labels.set(EvidenceAnnotation.stacktrace, frames.joined(separator: "\n")) }
        labels.set(EvidenceAnnotation.status, status)
        labels.set(EvidenceAnnotation.verdict, verdict.kind.rawValue)
        labels.set(EvidenceAnnotation.verdictReason, verdict.reason)
        if let currentFunction { labels.set(EvidenceAnnotation.currentFunction, currentFunction) }
        if let rate = reductionsPerSecond, rate.isFinite {
            labels.set(EvidenceAnnotation.reductionsPerSecond, Self.plain(rate))
        }
        labels.set(EvidenceAnnotation.fetchedAt, RFC3339.format(fetchedAt))
        return labels
    }

    /// `3`, `0.5`, `412345`: whole numbers as such, others to one decimal.
    static func plain(_ value: Double) -> String {
        guard value.magnitude < 1e15 else { return String(value) }
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
