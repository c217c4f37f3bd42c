import Alerting
import Evidence
import Foundation
import History
import Probe
import Ranking
import Synchronization
import TimeSeries

/// What `top` says about each listed process's evidence: the verdict the agent stored when an
/// alert on it fired (from the history file), or with `--evidence` one asked live of its node.
struct EvidenceColumn {
    enum Entry {
        /// Stored by the agent when an alert asked.
        case stored(StoredEvidence)
        /// Asked of the node just now.
        case live(Verdict)
        /// The node gave none: why, in a word or two, and in full.
        case unavailable(short: String, reason: String)
    }

    /// Processes asked about live at most, the top of the list: each is a request to a node.
    static let maxLive = 10
    /// How long each live request may take.
    static let liveTimeout = PromDuration.seconds(2)

    private var byProcess: [String: Entry] = [:]

    /// The newest stored evidence of each process.
    init(stored rows: [StoredEvidence] = []) {
        for row in rows where byProcess[Self.key(row.target, row.pid)] == nil { byProcess[Self.key(row.target, row.pid)] = .stored(row) }
    }

    /// The entry of a ranked process (by its `instance` and `pid` labels), if any.
    func of(_ entry: RankedBacklog) -> Entry? {
        guard let instance = entry.series.labels["instance"], let pid = entry.series.labels["pid"] else { return nil }
        return byProcess[Self.key(instance, pid)]
    }

    /// Asks the nodes of the first `maxLive` processes for their evidence, all at once, and
    /// judges each with the trend the ranking measured; where a node gives none, stored
    /// evidence stays. Returns the column and one line per node that gave none.
    func askingLive(_ ranked: [RankedBacklog]) -> (EvidenceColumn, problems: [String]) {
        let asked = ranked.prefix(Self.maxLive).compactMap { entry -> (RankedBacklog, String, String)? in
            guard let instance = entry.series.labels["instance"], let pid = entry.series.labels["pid"] else { return nil }
            return (entry, instance, pid)
        }
        let answers = Mutex<[Int: Result<FetchedEvidence, EvidenceProblem>]>([:])
        DispatchQueue.concurrentPerform(iterations: asked.count) { index in
            let (_, instance, pid) = asked[index]
            let answer = ProcessEvidenceClient(timeout: Self.liveTimeout).evidence(target: instance, process: .pid(pid))
            answers.withLock { $0[index] = answer }
        }
        var column = self
        var problems: [String] = []
        for (index, (entry, instance, pid)) in asked.enumerated() {
            switch answers.withLock({ $0[index] }) {
            case .success(let fetched)?:
                let trend = QueueTrend(perSecond: entry.growthPerSecond, seconds: 60, basis: .history)
                column.byProcess[Self.key(instance, pid)] = .live(Verdict.judge(fetched.evidence, trend: trend))
            case .failure(let error)?:
                let line = "evidence: \(error.description)"
                if !problems.contains(line) { problems.append(line) }
                if case .stored? = byProcess[Self.key(instance, pid)] { continue }
                column.byProcess[Self.key(instance, pid)] = .unavailable(short: Self.short(error), reason: error.description)
            case nil: break
            }
        }
        return (column, problems)
    }

    /// `stuck (live)`, `stuck 14:03:11Z`, `node silent`.
    static func text(_ entry: Entry) -> String {
        switch entry {
        case .stored(let stored):
            let time = RFC3339.format(stored.fetchedAt)
            let clock = time.split(separator: "T").last.map { String($0.prefix(8)) + "Z" } ?? time
            return "\(stored.verdict.isEmpty ? "unknown" : stored.verdict) \(clock)"
        case .live(let verdict): return "\(verdict.kind.rawValue) (live)"
        case .unavailable(let short, _): return short
        }
    }

    /// `"stored_evidence":{…}`, `"live_evidence":{"verdict","reason"}` or `"live_evidence":{"error"}`.
    static func json(_ entry: Entry) -> String {
        switch entry {
        case .stored(let stored):
            "\"stored_evidence\":{\"verdict\":\(JSONString.quote(stored.verdict)),\"reason\":\(JSONString.quote(stored.verdictReason)),"
                + "\"fetched_at\":\(JSONString.quote(RFC3339.format(stored.fetchedAt))),\"alert\":\(JSONString.quote(stored.alert))}"
        case .live(let verdict):
            "\"live_evidence\":{\"verdict\":\(JSONString.quote(verdict.kind.rawValue)),\"reason\":\(JSONString.quote(verdict.reason))}"
        case .unavailable(_, let reason):
            "\"live_evidence\":{\"error\":\(JSONString.quote(reason))}"
        }
    }

    private static func short(_ problem: EvidenceProblem) -> String {
        switch problem {
        case .fetch(.unreachable): "node silent"
        case .fetch(.noEndpoint): "no /process"
        case .fetch(.noProcess): "exited"
        case .fetch(.refused): "refused"
        case .fetch(.unexpected), .malformed: "no evidence"
        }
    }

    private static func key(_ target: String, _ pid: String) -> String { target + " " + pid }
}
