import Alerting
import History
import Ranking
import TimeSeries

/// The newest verdict the agent stored for each process an alert named, for `top` to show
/// beside the ranking: what the process was doing when its alert fired.
struct StoredVerdicts {
    private var byProcess: [String: StoredEvidence] = [:]

    init(_ rows: [StoredEvidence] = []) {
        for row in rows where byProcess[Self.key(row.target, row.pid)] == nil { byProcess[Self.key(row.target, row.pid)] = row }
    }

    var isEmpty: Bool { byProcess.isEmpty }

    /// The stored evidence of a ranked process (its `instance` and `pid` labels), if any.
    func of(_ entry: RankedBacklog) -> StoredEvidence? {
        guard let instance = entry.series.labels["instance"], let pid = entry.series.labels["pid"] else { return nil }
        return byProcess[Self.key(instance, pid)]
    }

    /// `stuck 14:03:11Z`: the verdict and the time of day it was fetched.
    static func text(_ stored: StoredEvidence) -> String {
        let time = RFC3339.format(stored.fetchedAt)
        let clock = time.split(separator: "T").last.map { String($0.prefix(8)) + "Z" } ?? time
        return "\(stored.verdict.isEmpty ? "unknown" : stored.verdict) \(clock)"
    }

    private static func key(_ target: String, _ pid: String) -> String { target + " " + pid }
}
