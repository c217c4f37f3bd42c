import ArgumentParser
import Evidence
import Foundation
import History
import Probe
import TimeSeries

/// `backlog inspect TARGET PROCESS`: one process's evidence from its node, and the verdict on it.
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show why one process falls behind: stuck, slow or catching up, with its stack and queue.",
        discussion: """
            Asks the node's exporter for the process (GET /process) and reads its queue from the \
            history (--db, default backlog.db when it exists, or --source). The queue's trend is \
            its growth over the last minute of history; without history, two readings --interval \
            apart. The verdict's thresholds are in docs/evidence.md. When the process is gone or the \
            node does not answer, shows the evidence the agent stored when an alert on the process \
            fired, if the history file has some, and says so.
            """)

    @Argument(help: "The node: host:port of its exporter, or a URL.")
    var target: String

    @Argument(help: "The process: a pid (<0.123.0>) or a registered name (chat_router).")
    var process: String

    @Option(name: .long, help: "Output: text or json.")
    var format: InspectFormat = .text

    @Option(name: .long, help: "The history file to read the process's queue from (default backlog.db, when it exists).")
    var db: String?

    @Option(name: .long, help: "How much of the queue's history to show, such as 10m or 1h.")
    var since: String = "10m"

    @Option(name: .long, help: "Without history, the time between the two readings that give the queue's trend (0s: one reading).")
    var interval: String = "1s"

    @Option(name: .long, help: "Give up on the node after this long.")
    var timeout: String = "10s"

    @OptionGroup var source: SourceOptions

    func validate() throws {
        for (name, text) in [("--since", since), ("--interval", interval), ("--timeout", timeout)] {
            guard let duration = PromDuration(parsing: text), duration.milliseconds >= 0 else {
                throw ValidationError("\(name) \"\(text)\" is not a duration — write it like 1s or 10m")
            }
            if name != "--interval", duration.milliseconds == 0 { throw ValidationError("\(name) must be above 0") }
        }
        if process.isEmpty { throw ValidationError("give a pid (<0.123.0>) or a registered name") }
    }

    func run() async throws {
        let client = ProcessEvidenceClient(timeout: PromDuration(parsing: timeout)!)
        let selector = ProcessSelector(process)
        var evidence: ProcessEvidence
        switch client.evidence(target: target, process: selector) {
        case .success(let fetched): evidence = fetched.evidence
        case .failure(.fetch(let error)):
            guard let report = storedReport(selector, liveError: error) else { throw CommandFailure(error.description) }
            show(report)
            return
        case .failure(let problem): throw CommandFailure(problem.description)
        }
        let now = Timestamp.now()
        let history = try InspectHistory.read(
            pid: evidence.pid, node: evidence.node, target: target, db: db, source: source,
            window: PromDuration(parsing: since)!, now: now)
        var trend = history.flatMap { QueueTrend.fromHistory($0.recent, now: now) }
        let pause = PromDuration(parsing: interval)!
        if trend == nil, pause.milliseconds > 0 {
            // No history of this process: a second reading, by pid, gives the trend.
            let started = MonotonicClock.nanoseconds()
            try await Task.sleep(for: .milliseconds(pause.milliseconds))
            let second = try fetch(client, .pid(evidence.pid)).evidence
            let seconds = Double(MonotonicClock.nanoseconds() - started) / 1e9
            trend = QueueTrend.fromReadings(first: evidence.messageQueueLen, second: second.messageQueueLen, seconds: seconds)
            evidence = second
        }
        show(InspectReport(
            target: target, evidence: evidence, trend: trend, verdict: Verdict.judge(evidence, trend: trend),
            thresholds: .defaults, history: history))
    }

    private func show(_ report: InspectReport) {
        switch format {
        case .text: print(InspectText.render(report, width: OutputTerminal.width, color: OutputTerminal.wantsColor), terminator: "")
        case .json: print(InspectJSON.render(report))
        }
    }

    private func fetch(_ client: ProcessEvidenceClient, _ selector: ProcessSelector) throws -> FetchedEvidence {
        do { return try client.evidence(target: target, process: selector).get() } catch { throw CommandFailure(error.description) }
    }

    /// When the live fetch finds the process gone or the node silent: the newest evidence the
    /// agent stored for it in the history file, judged as it was then; nil when there is none.
    private func storedReport(_ selector: ProcessSelector, liveError: EvidenceFetchError) -> InspectReport? {
        switch liveError {
        case .noProcess, .unreachable, .noEndpoint: break
        case .refused, .unexpected: return nil
        }
        let path = db ?? "backlog.db"
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let reader = try? HistoryReader(path: path) else { return nil }
        defer { reader.close() }
        let instance = ScrapeTarget(commandLineURL: target).instance
        let found: StoredEvidence?
        switch selector {
        case .pid(let pid): found = try? reader.latestEvidence(target: instance, pid: pid, name: nil)
        case .name(let name): found = try? reader.latestEvidence(target: instance, pid: nil, name: name)
        }
        guard let found, let evidence = try? ProcessEvidence.decode(Array(found.json.utf8)) else { return nil }
        let verdict = Verdict(kind: Verdict.Kind(rawValue: found.verdict) ?? .unknown, reason: found.verdictReason)
        return InspectReport(
            target: target, evidence: evidence, trend: nil, verdict: verdict, thresholds: .defaults, history: nil,
            stored: InspectReport.Stored(fetchedAt: found.fetchedAt, alert: found.alert, liveError: liveError.description, origin: path))
    }
}

/// `--format` for `inspect`.
enum InspectFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Everything `inspect` shows, whatever the format.
struct InspectReport {
    var target: String
    var evidence: ProcessEvidence
    var trend: QueueTrend?
    var verdict: Verdict
    var thresholds: VerdictThresholds
    var history: InspectHistory?
    /// Set when the evidence is the agent's stored copy, not a live reading.
    var stored: Stored?

    /// Where stored evidence came from, and why the live reading was not used.
    struct Stored {
        var fetchedAt: Timestamp
        /// The alert that asked for it.
        var alert: String
        /// What the live fetch answered.
        var liveError: String
        /// The history file.
        var origin: String
    }
}
