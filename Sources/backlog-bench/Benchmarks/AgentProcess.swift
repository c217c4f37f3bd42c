import Foundation
import TestSupport

/// One `backlog agent` child process of a benchmark, measured as a whole process, with its own
/// figures read from its `/metrics` on a loopback port.
final class AgentProcess {
    let name: String
    let port: Int
    /// Where its log goes.
    let log: String
    private let process: Process

    private init(name: String, port: Int, log: String, process: Process) {
        self.name = name
        self.port = port
        self.log = log
        self.process = process
    }

    /// Starts `backlog agent --config config` from the build folder, its log in `log`.
    static func start(name: String, config: String, port: Int, log: String) throws -> AgentProcess {
        let process = Process()
        process.executableURL = BuiltProduct.url("backlog")
        process.arguments = ["agent", "--config", config, "--log-level", "warning"]
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try process.run()
        return AgentProcess(name: name, port: port, log: log, process: process)
    }

    var isRunning: Bool { process.isRunning }

    /// CPU and memory of the process now; nil once it has exited.
    var usage: ProcessUsage? { ProcessUsage.of(process.processIdentifier) }

    /// Every line of its `/metrics` as `name{labels}` → value; nil while it does not answer.
    func figures() -> [String: Double]? {
        guard let response = try? LoopbackConnection.get(port: port, path: "/metrics", timeout: .seconds(10)), response.status == 200
        else { return nil }
        var figures: [String: Double] = [:]
        for line in String(decoding: response.body, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            figures[String(line[..<space])] = value
        }
        return figures
    }

    /// The last lines it logged, for a benchmark that has to say why it gave up.
    var logTail: String {
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(3).joined(separator: " / ")
    }

    /// SIGTERM, then waits for it to finish its cycle and exit.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit { stop() }
}
