import Alerting
import Evidence
import Foundation

/// `inspect --format json`: the evidence as the node gave it, the trend, the verdict and the
/// thresholds it was judged by, and the queue's history when there is one.
enum InspectJSON {
    private struct Document: Encodable {
        var target: String
        var verdict: Verdict
        var trend: QueueTrend?
        var evidence: ProcessEvidence
        var thresholds: VerdictThresholds
        var history: [[Double]]?
        var stored: Stored?
    }

    /// Present when the evidence is the agent's stored copy.
    private struct Stored: Encodable {
        var fetchedAt: String
        var alert: String
        var liveError: String
        var origin: String

        enum CodingKeys: String, CodingKey {
            case alert, origin
            case fetchedAt = "fetched_at"
            case liveError = "live_error"
        }
    }

    static func render(_ report: InspectReport) -> String {
        let history = report.history.map { $0.points.map { [Double($0.time.milliseconds) / 1000, $0.value] } }
        let document = Document(
            target: report.target, verdict: report.verdict, trend: report.trend, evidence: report.evidence,
            thresholds: report.thresholds, history: history,
            stored: report.stored.map { Stored(fetchedAt: RFC3339.format($0.fetchedAt), alert: $0.alert, liveError: $0.liveError, origin: $0.origin) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(document) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
