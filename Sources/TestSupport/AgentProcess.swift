public import Foundation
import Synchronization

/// A real `backlog agent` in a child process (the built executable), so a test can `kill -9` it
/// and start it again over the same history file.
public final class AgentProcess: @unchecked Sendable {
    public let config: String
    /// What reports call it (`shard2a`, `replica b`): by default, its port.
    public let name: String
    /// The port of the config's `listen:` address, where its `/metrics` is read.
    public let port: Int
    private let child = ChildProcess()
    private let log = Mutex<String?>(nil)

    /// An agent for `config` whose `listen:` is `127.0.0.1:port`; not started.
    public init(config: String, port: Int, name: String? = nil) {
        self.config = config
        self.port = port
        self.name = name ?? "agent on \(port)"
    }

    /// Starts `backlog agent --config …`, its log (stderr) going to `log`, with `environment`
    /// added to this process's.
    public func start(log: String, environment: [String: String] = [:], arguments: [String] = []) throws {
        let process = Process()
        process.executableURL = BuiltProduct.url("backlog")
        process.arguments = ["agent", "--config", config] + arguments
        self.log.withLock { $0 = log }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try child.run(process)
    }

    public var isRunning: Bool { child.isRunning }

    /// The running agent's process id, for reading its CPU and memory from `/proc`.
    public var processIdentifier: Int32? { child.current?.processIdentifier }

    /// The last lines it logged, for a test or benchmark that has to say why it gave up.
    public var logTail: String {
        guard let path = log.withLock({ $0 }) else { return "" }
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(3).joined(separator: " / ")
    }

    /// Every line of its `/metrics` as `name{labels}` → value; nil while it does not answer.
    public func figures() -> [String: Double]? {
        guard let response = try? LoopbackConnection.get(port: port, path: "/metrics", timeout: .seconds(10)), response.status == 200
        else { return nil }
        var figures: [String: Double] = [:]
        for line in response.text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            figures[String(line[..<space])] = value
        }
        return figures
    }

    /// How the last run ended, once it has.
    public var termination: (reason: Process.TerminationReason, status: Int32)? {
        child.current.flatMap { $0.isRunning ? nil : ($0.terminationReason, $0.terminationStatus) }
    }

    /// Waits until the running agent exits on its own.
    public func waitUntilExit() { child.waitUntilExit() }

    /// One series from its `/metrics` (`name` with its labels as printed); nil while it does not answer.
    public func figure(_ series: String) -> Double? {
        guard let response = try? LoopbackConnection.get(port: port, path: "/metrics", timeout: .seconds(2)) else { return nil }
        return response.text.split(separator: "\n").first { $0.hasPrefix(series + " ") }
            .flatMap { Double($0.split(separator: " ").last!) }
    }

    /// Waits until it has run `count` more poll cycles than when the wait began.
    public func waitForPolls(_ count: Double, timeout: Duration = .seconds(60)) async throws {
        var start: Double?
        try await waitUntil("\(Int(count)) polls of the agent on \(port)", timeout: timeout) {
            guard let cycles = figure("backlog_cycles_total") else { return false }
            start = start ?? cycles
            return cycles >= start! + count
        }
    }

    /// `kill -9`: the agent dies mid-whatever, nothing saved or flushed.
    public func kill() { child.kill() }

    /// SIGTERM (the agent finishes its cycle and exits), and waits until it has.
    public func stop() { child.stop() }

    // A test that failed half-way leaves no agent behind.
    deinit { child.kill() }
}
