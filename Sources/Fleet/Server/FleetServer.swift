import NIOCore
import NIOPosix
import Synchronization

/// Serves a simulated fleet over HTTP: node `i` answers `GET /metrics` on `127.0.0.1:basePort+i`,
/// all nodes on one event loop group, with nodes going down and coming back as the scenario says.
///
/// Usable in-process (tests, the bench, `backlog demo`) as well as by `backlog fleet`.
public final class FleetServer: Sendable {
    public let config: FleetConfig
    private let clock: FleetClock
    private let threadCount: Int
    private let lifecycle = Mutex<Lifecycle>(.idle)

    private enum Lifecycle {
        case idle
        case starting
        case running(Running)
        case stopped
    }

    private struct Running {
        let group: MultiThreadedEventLoopGroup
        let supervisor: ListenerSupervisor
        let watcher: Task<Void, Never>
        let scanner: FleetBodyScanner
        let simulation: FleetSimulation
        let ports: [Int]
    }

    /// How often the server checks whether a node should go down or come back.
    private static let availabilityCheckInterval: Duration = .milliseconds(100)

    /// - Parameters:
    ///   - clock: simulated time is this clock's time since `config.epoch` (or since `start()`).
    ///   - threadCount: event loop threads; nil means one per core.
    public init(config: FleetConfig, clock: FleetClock = .system, threadCount: Int? = nil) {
        self.config = config
        self.clock = clock
        self.threadCount = max(1, threadCount ?? System.coreCount)
    }

    /// Validates the config, binds every node's port and starts serving.
    ///
    /// - Throws: `FleetServerError`; when it throws, no port stays bound.
    public func start() async throws {
        try lifecycle.withLock { (state) throws(FleetServerError) in
            guard case .idle = state else { throw .alreadyStarted }
            state = .starting
        }
        do {
            try config.validate()
        } catch {
            lifecycle.withLock { $0 = .idle }
            throw FleetServerError.invalidConfig(error)
        }
        let simulation = FleetSimulation(config: config, epoch: config.epoch ?? clock.now())
        let group = MultiThreadedEventLoopGroup(numberOfThreads: threadCount)
        let runtime = FleetRuntime(simulation: simulation, clock: clock)
        let supervisor = ListenerSupervisor(
            group: group, runtime: runtime, host: config.bindHost,
            requestedPorts: (0..<config.nodeCount).map(config.port(ofNode:))
        )
        do {
            try await supervisor.bindAll()
        } catch {
            try? await group.shutdownGracefully()
            lifecycle.withLock { $0 = .idle }
            throw error
        }
        let scanner = FleetBodyScanner(runtime: runtime)
        scanner.start()
        let watcher = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.availabilityCheckInterval)
                await supervisor.reconcile()
            }
        }
        let running = Running(
            group: group, supervisor: supervisor, watcher: watcher, scanner: scanner, simulation: simulation, ports: await supervisor.ports
        )
        lifecycle.withLock { $0 = .running(running) }
    }

    /// Closes every listener and connection and stops the event loops. Safe to call more than once.
    public func shutdown() async throws {
        let running: Running? = lifecycle.withLock { state in
            guard case .running(let running) = state else { return nil }
            state = .stopped
            return running
        }
        guard let running else { return }
        running.watcher.cancel()
        await running.watcher.value
        running.scanner.stop()
        await running.supervisor.closeAll()
        try await running.group.shutdownGracefully()
    }

    /// The port each node listens on (index = node), known once `start()` returns; empty before.
    public var ports: [Int] {
        lifecycle.withLock { state in
            guard case .running(let running) = state else { return [] }
            return running.ports
        }
    }

    /// `host:port` of every node, ready to be a poller's target list.
    public var targets: [String] { ports.map { "\(config.bindHost):\($0)" } }

    /// The simulation being served, with its epoch fixed; nil until `start()` returns.
    public var simulation: FleetSimulation? {
        lifecycle.withLock { state in
            guard case .running(let running) = state else { return nil }
            return running.simulation
        }
    }

    /// Applies the scenario's up/down state at the clock's current time right away, instead of at
    /// the next periodic check (which runs every 100 ms); tests that move a manual clock call this.
    public func updateListeners() async {
        let supervisor: ListenerSupervisor? = lifecycle.withLock { state in
            guard case .running(let running) = state else { return nil }
            return running.supervisor
        }
        await supervisor?.reconcile()
    }
}
