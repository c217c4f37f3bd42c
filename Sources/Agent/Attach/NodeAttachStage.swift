import ErlangAttach
import Foundation
import Logging
import Probe
import Synchronization
import TimeSeries

/// Loads the exporter into the nodes of `erlang_nodes:` when the agent starts, and again after
/// a node restarted (its target down two cycles in a row), on a thread of its own: attaching
/// starts `erl` for a second or more, and a poll cycle never waits for it.
///
/// An exporter already running on the node (the other agent of an HA pair, a release that
/// ships it) is fine: it is reported and left as it is.
final class NodeAttachStage: Sendable {
    /// One node with everything needed to attach to it; a changed setting is a new node.
    struct Node: Hashable, Sendable {
        var job: String
        var node: ErlangNodesConfig.Node
        var cookieFile: String?
        var beam: String?
        var options: ExporterOptions

        /// The key its scrape goes by.
        var target: String { "\(job)/\(node.endpoint)" }
    }

    private struct State: Sendable {
        var schedule = AttachSchedule<Node>()
        var byTarget: [String: Node] = [:]
        var running = false
        var thread: Bool = false
    }

    private let state = Mutex(State())
    private let alarm = LoopAlarm()
    /// Signalled by the thread as it ends, so `stop()` returns once no attach runs.
    private let ended = LoopAlarm()
    private let clock: any LoopClock
    private let logger: Logger
    private let metrics: AgentMetrics
    /// This program, to find the exporter's source near it.
    private let executable: URL

    init(clock: any LoopClock, logger: Logger, metrics: AgentMetrics) {
        self.clock = clock
        self.logger = logger
        self.metrics = metrics
        executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    }

    /// The nodes `config` names, each with its attach settings.
    static func nodes(_ config: AgentConfig) -> [Node] {
        config.erlangNodes.flatMap { section in
            section.nodes.map { node in
                Node(job: section.job, node: node, cookieFile: section.cookieFile, beam: section.beam, options: section.exporterOptions(for: node))
            }
        }
    }

    /// Schedules the config's nodes (new ones at once) and starts the thread when there are any.
    /// Called at start and on every reload.
    func apply(_ config: AgentConfig) {
        let nodes = Self.nodes(config)
        let now = clock.now()
        let startThread = state.withLock { state in
            let before = state.schedule.nodes
            state.schedule.set(nodes, at: now)
            state.byTarget = Dictionary(nodes.map { ($0.target, $0) }) { first, _ in first }
            for gone in before.subtracting(state.schedule.nodes) where !nodes.contains(where: { $0.node.name == gone.node.name }) {
                logger.info("node no longer in erlang_nodes; its exporter is left running", metadata: ["node": "\(gone.node.name)"])
            }
            guard !nodes.isEmpty, !state.thread else { return false }
            state.thread = true
            state.running = true
            return true
        }
        metrics.set(.attachNodes, Double(nodes.count))
        if !nodes.isEmpty {
            metrics.update { figures in
                for result in AttachResult.allCases { figures.add(.attachAttempts, 0, labels: Labels(["result": result.rawValue])) }
            }
        }
        if startThread {
            Thread.detachNewThread { [self] in run() }
        } else {
            alarm.signal()
        }
    }

    /// What a cycle saw of the nodes' targets; wakes the thread when an attach became due.
    func observe(_ cycle: ScrapeCycle) {
        let due = state.withLock { state -> Bool in
            guard !state.byTarget.isEmpty else { return false }
            for scrape in cycle.scrapes {
                guard let node = state.byTarget["\(scrape.target.job)/\(scrape.target.instance)"] else { continue }
                state.schedule.observe(node, up: scrape.isUp, at: cycle.timestamp)
            }
            return state.schedule.nextDue.map { $0 <= cycle.timestamp } ?? false
        }
        if due { alarm.signal() }
    }

    /// Ends the thread once the attaches in flight are done.
    func stop() {
        let wasRunning = state.withLock { state in
            defer { state.running = false }
            return state.thread && state.running
        }
        guard wasRunning else { return }
        alarm.signal()
        ended.waitForSignal()
    }

    private func run() {
        while state.withLock({ $0.running }) {
            let now = clock.now()
            let due = state.withLock { $0.schedule.takeDue(at: now) }
            if due.isEmpty {
                let next = state.withLock { $0.schedule.nextDue }
                clock.wait(until: next ?? now + .seconds(3600), or: alarm)
                continue
            }
            // Nodes are independent: a slow or unreachable one does not hold up the others.
            DispatchQueue.concurrentPerform(iterations: due.count) { index in attach(due[index]) }
        }
        state.withLock { $0.thread = false }
        ended.signal()
    }

    private func attach(_ node: Node) {
        let attacher = NodeAttacher(
            node: node.node.name, cookieFile: node.cookieFile, beam: node.beam, options: node.options, executable: executable)
        let result: AttachResult
        var metadata: Logger.Metadata = ["node": "\(node.node.name)", "job": "\(node.job)"]
        do {
            switch try attacher.attach() {
            case .started(let port, let origin):
                result = .started
                metadata["port"] = "\(port)"
                metadata["beam"] = "\(origin)"
                logger.info("exporter attached", metadata: metadata)
            case .alreadyRunning(let port, _):
                result = .alreadyRunning
                metadata["port"] = "\(port.map(String.init) ?? "unknown")"
                logger.info("exporter already running on the node; left as it is", metadata: metadata)
            }
        } catch {
            result = .failed
            metadata["error"] = "\(error.description)"
        }
        let retry = state.withLock { $0.schedule.finished(node, at: clock.now()) }
        if result == .failed {
            metadata["retry_in"] = "\(retry ?? .zero)"
            logger.warning("attach failed", metadata: metadata)
        }
        metrics.update { $0.add(.attachAttempts, labels: Labels(["result": result.rawValue])) }
    }
}

/// How one attach ended, as `/metrics` counts it.
enum AttachResult: String, CaseIterable, Sendable {
    case started
    case alreadyRunning = "already_running"
    case failed
}
