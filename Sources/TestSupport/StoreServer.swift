import Foundation

/// A real Prometheus-compatible store (Debian's `victoria-metrics` or `prometheus`) on a loopback
/// port, with its data in a folder of its own: for benchmarks and tests that need the engine
/// itself, not a double.
public final class StoreServer: @unchecked Sendable {
    public enum Kind: Sendable {
        case victoriaMetrics
        /// Prometheus with its remote-write receiver on.
        case prometheus

        public var executable: String { self == .victoriaMetrics ? "/usr/bin/victoria-metrics" : "/usr/bin/prometheus" }
        public var readyPath: String { self == .victoriaMetrics ? "/health" : "/-/ready" }
    }

    public enum StartError: Error, CustomStringConvertible {
        case notInstalled(String)
        case notReady(String, String)

        public var description: String {
            switch self {
            case .notInstalled(let binary): "\(binary) is not installed (scripts/install-deps installs it)"
            case .notReady(let binary, let why): "\(binary) did not start: \(why)"
            }
        }
    }

    public let kind: Kind
    public let port: Int
    public let directory: String
    private let process: Process

    public var url: String { "http://127.0.0.1:\(port)" }
    public var writeURL: String { url + "/api/v1/write" }
    public var isRunning: Bool { process.isRunning }
    /// The store's process id, for benchmarks that read what it costs from `/proc`.
    public var processIdentifier: Int32 { process.processIdentifier }

    /// Whether it answers its readiness check now.
    public var answers: Bool { (try? LoopbackConnection.get(port: port, path: kind.readyPath).status) == 200 }

    /// Starts the store on an unused port with its data in `directory` and waits until it answers;
    /// VictoriaMetrics answers fresh data at once (no latency offset, no cache). Tries another port
    /// when the store exits first (something took the port in between).
    public static func start(_ kind: Kind, directory: String, arguments: [String] = []) throws -> StoreServer {
        var why = "it exited before answering"
        for _ in 0..<3 {
            let server = try launch(kind, directory: directory, port: LoopbackPort.unused(), arguments: arguments)
            let answered = waitUntil(timeout: 120, pollEvery: 0.05) { !server.isRunning || server.answers }
            if answered, server.isRunning { return server }
            if !answered { why = "no answer on \(kind.readyPath) within 120 s" }
            server.stop()
        }
        throw StartError.notReady(kind.executable, why)
    }

    /// Starts the store on `port` without waiting for it (see `answers`): for a test that stops it
    /// and starts it again on the same port and data.
    public static func launch(_ kind: Kind, directory: String, port: Int, arguments: [String] = []) throws -> StoreServer {
        guard FileManager.default.isExecutableFile(atPath: kind.executable) else { throw StartError.notInstalled(kind.executable) }
        return try StoreServer(kind, port: port, directory: directory, arguments: arguments)
    }

    private init(_ kind: Kind, port: Int, directory: String, arguments: [String]) throws {
        self.kind = kind
        self.port = port
        self.directory = directory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        process = Process()
        process.executableURL = URL(fileURLWithPath: kind.executable)
        switch kind {
        case .victoriaMetrics:
            process.arguments = [
                "-httpListenAddr", "127.0.0.1:\(port)", "-storageDataPath", "\(directory)/vm", "-retentionPeriod=100y",
                "-search.latencyOffset=0s", "-search.disableCache", "-loggerLevel", "ERROR",
            ] + arguments
        case .prometheus:
            let config = "\(directory)/prometheus.yml"
            try "global: {}\n".write(toFile: config, atomically: true, encoding: .utf8)
            process.arguments = [
                "--web.enable-remote-write-receiver", "--storage.tsdb.path", "\(directory)/tsdb",
                "--storage.tsdb.retention.time=100y", "--web.listen-address", "127.0.0.1:\(port)", "--config.file", config,
                "--log.level=error",
            ] + arguments
        }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Stops the store (SIGTERM) and waits for it to exit; its data stays in `directory`.
    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit { stop() }
}
