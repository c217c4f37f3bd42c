import Alerting
import Evidence
import Foundation
import History
import Logging
import Probe
import Synchronization
import TimeSeries

/// Fetches the evidence of the processes alerts name, each on a thread of its own with its own
/// timeout, so neither a poll cycle nor a notification ever waits for a node's `/process`.
///
/// After each evaluation the alerting stage hands over the engine's alerts (`started`); what
/// `EvidenceSchedule` says is due is fetched, judged (`Verdict`, with the queue's trend from
/// the history), stored in the history file, and from then on carried by the alerts as
/// annotations (`annotate`). A notification sent before its evidence arrived goes without it;
/// later ones carry it. A failed fetch is logged once and counted by result; its alerts go out
/// without evidence.
final class EvidenceStage: Sendable {
    let schedule = Mutex(EvidenceSchedule())
    /// The targets of the last cycle, by `instance`, so a fetch uses the target's scheme.
    let targets = Mutex<[String: ScrapeTarget]>([:])
    let client: ProcessEvidenceClient
    let logger: Logger
    let metrics: AgentMetrics
    let clock: any LoopClock
    let history: @Sendable () -> HistoryStore?
    /// Targets already reported as having no `/process`: an older exporter is reported once, not
    /// once for every process an alert names on it.
    let withoutEndpoint = Mutex<Set<String>>([])
    /// Every fetch in flight, so `stop()` and tests can wait for them.
    let inFlight = DispatchGroup()
    /// Without history of the process's queue, the pause between the two readings that give its
    /// trend, as `backlog inspect` takes them.
    static let secondReadingPause = Duration.seconds(1)
    static let results = ["ok", "no_endpoint", "no_process", "refused", "timeout", "unreachable", "malformed", "error"]

    init(
        timeout: PromDuration, logger: Logger, metrics: AgentMetrics, clock: any LoopClock, history: @escaping @Sendable () -> HistoryStore?
    ) {
        client = ProcessEvidenceClient(timeout: timeout)
        self.logger = logger
        self.metrics = metrics
        self.clock = clock
        self.history = history
        metrics.update { figures in
            for result in Self.results { figures.add(.evidenceFetches, 0, labels: Labels(["result": result])) }
        }
    }

    /// After an evaluation: starts the fetches the schedule says are due for `alerts`, each on a
    /// thread of its own. `scrapes` are the cycle's, for the targets' addresses.
    func started(after alerts: [Alert], scrapes: [TargetScrape]) {
        if !scrapes.isEmpty {
            let known = Dictionary(scrapes.map { ($0.target.instance, $0.target) }) { first, _ in first }
            targets.withLock { $0 = known }
        }
        let due = schedule.withLock { $0.due(alerts) }
        for request in due {
            inFlight.enter()
            Thread.detachNewThread { [self] in
                defer { inFlight.leave() }
                fetch(request)
            }
        }
    }

    /// The alerts with their process's evidence, where it was fetched.
    func annotate(_ alerts: [Alert]) -> [Alert] { schedule.withLock { $0.annotate(alerts) } }

    /// Waits for the fetches in flight (each ends by its timeout).
    func stop() { inFlight.wait() }

    /// One fetch, on its own thread: fetch, judge, store, then hand the annotations over.
    private func fetch(_ request: EvidenceSchedule.Request) {
        let target = address(of: request.key.instance)
        switch client.evidence(target: target, process: request.key.process) {
        case .failure(let problem):
            failed(request, result: Self.result(of: problem), reason: problem.description)
        case .success(let fetched):
            judged(request, evidence: fetched.evidence, body: fetched.body, target: target)
        }
    }

    private func judged(_ request: EvidenceSchedule.Request, evidence first: ProcessEvidence, body: [UInt8], target: String) {
        var evidence = first
        var json = body
        var trend = historyTrend(instance: request.key.instance, pid: evidence.pid)
        if trend == nil {
            // No history of the queue yet (the alert's first cycle): a second reading, by pid.
            let started = ContinuousClock.now
            Thread.sleep(forTimeInterval: Double(Self.secondReadingPause.components.seconds))
            if case .success(let second) = client.evidence(target: target, process: .pid(evidence.pid)) {
                let elapsed = ContinuousClock.now - started
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                trend = QueueTrend.fromReadings(
                    first: evidence.messageQueueLen, second: second.evidence.messageQueueLen, seconds: seconds)
                evidence = second.evidence
                json = second.body
            }
        }
        let verdict = Verdict.judge(evidence, trend: trend)
        let fetchedAt = clock.now()
        let annotations = evidence.annotations(verdict: verdict, fetchedAt: fetchedAt)
        if let store = history() {
            let row = StoredEvidence(
                target: request.key.instance, pid: evidence.pid, name: evidence.registeredName ?? "", fetchedAt: fetchedAt,
                alert: request.alert, verdict: verdict.kind.rawValue, verdictReason: verdict.reason, json: String(decoding: json, as: UTF8.self))
            do { try store.recordEvidence(row) } catch {
                logger.error("cannot store process evidence", metadata: ["error": "\(error.description)"])
            }
        }
        schedule.withLock { $0.finished(request.key, annotations: annotations) }
        metrics.update { $0.add(.evidenceFetches, labels: Labels(["result": "ok"])) }
        logger.info("process evidence fetched", metadata: [
            "target": "\(request.key.instance)", "process": "\(evidence.displayName)", "alert": "\(request.alert)",
            "verdict": "\(verdict.kind.rawValue)",
        ])
    }

    private func failed(_ request: EvidenceSchedule.Request, result: String, reason: String) {
        schedule.withLock { $0.finished(request.key, annotations: nil) }
        metrics.update { $0.add(.evidenceFetches, labels: Labels(["result": result])) }
        let repeated = result == "no_endpoint" && !withoutEndpoint.withLock { $0.insert(request.key.instance).inserted }
        logger.log(level: repeated ? .debug : .warning, "process evidence not fetched; the alert goes out without it", metadata: [
            "target": "\(request.key.instance)", "process": "\(request.key.process)", "alert": "\(request.alert)",
            "result": "\(result)", "reason": "\(reason)",
        ])
    }

    /// The queue's trend over the last minute of history, as `inspect` reads it.
    private func historyTrend(instance: String, pid: String) -> QueueTrend? {
        guard let store = history() else { return nil }
        let now = clock.now()
        let matchers = [
            LabelMatcher.equal("__name__", ExporterMetric.processQueue), LabelMatcher.equal("instance", instance),
            LabelMatcher.equal("pid", pid),
        ]
        guard let series = try? store.select(matchers, from: now - .seconds(60), through: now),
            let longest = series.max(by: { $0.timestamps.count < $1.timestamps.count })
        else { return nil }
        let points = zip(longest.timestamps, longest.values).map { (time: Timestamp(milliseconds: $0), value: $1) }
        return QueueTrend.fromHistory(points, now: now)
    }

    /// `host:port` for a target polled over http, else the scheme with it; never a path, never
    /// credentials.
    private func address(of instance: String) -> String {
        guard let target = targets.withLock({ $0[instance] }), target.url.hasPrefix("https://") else { return instance }
        return "https://\(instance)"
    }

    /// The `result` label of a failure.
    static func result(of problem: EvidenceProblem) -> String {
        switch problem {
        case .fetch(.unreachable(_, let transport)): transport.kind == .timedOut ? "timeout" : "unreachable"
        case .fetch(.noEndpoint): "no_endpoint"
        case .fetch(.noProcess): "no_process"
        case .fetch(.refused): "refused"
        case .fetch(.unexpected): "error"
        case .malformed: "malformed"
        }
    }
}
