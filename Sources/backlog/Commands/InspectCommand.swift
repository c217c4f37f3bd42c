import ArgumentParser
import Evidence
import Foundation
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
            apart. The verdict's thresholds are in docs/evidence.md.
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
        var evidence = try fetch(client, ProcessSelector(process))
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
            let second = try fetch(client, .pid(evidence.pid))
            let seconds = Double(MonotonicClock.nanoseconds() - started) / 1e9
            trend = QueueTrend.fromReadings(first: evidence.messageQueueLen, second: second.messageQueueLen, seconds: seconds)
            evidence = second
        }
        let report = InspectReport(
            target: target, evidence: evidence, trend: trend, verdict: Verdict.judge(evidence, trend: trend),
            thresholds: .defaults, history: history)
        switch format {
        case .text: print(InspectText.render(report, width: OutputTerminal.width, color: OutputTerminal.wantsColor), terminator: "")
        case .json: print(InspectJSON.render(report))
        }
    }

    private func fetch(_ client: ProcessEvidenceClient, _ selector: ProcessSelector) throws -> ProcessEvidence {
        switch client.fetch(target: target, process: selector) {
        case .failure(let error): throw CommandFailure(error.description)
        case .success(let body):
            do { return try ProcessEvidence.decode(body) } catch { throw CommandFailure("\(target): \(error.description)") }
        }
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
}
