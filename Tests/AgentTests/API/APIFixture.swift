import Agent
import Foundation
import History
import Logging
import TestSupport
import Testing
import TimeSeries

/// An agent started in-process over a history that already holds two hours-old process queues
/// (known values at known times, for exact answers), polling a loopback exporter for live
/// ones, and serving its HTTP API on a loopback port.
final class APIFixture: @unchecked Sendable {
    let directory: String
    let runtime: AgentRuntime
    let server: AgentHTTPServer
    /// Whole seconds, two hours ago: the preloaded samples are at `base + 15 s × i`, i in 0..<20.
    let base: Int64

    var port: Int { server.port }

    /// What the loopback exporter serves: one live process queue, run queues, and a node.
    static let exposition = """
        erlang_process_message_queue_len{pid="<0.9.0>",name="live",initial_call="live:init/1"} 7
        erlang_vm_statistics_run_queues_length 2
        erlang_vm_process_count 120

        """

    /// Starts the agent over a preloaded history; `web` is the `web:` section's YAML, if any.
    init(exporterPort: Int, web: String? = nil, directory given: String? = nil) throws {
        directory = given ?? NSTemporaryDirectory() + "backlog-api-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        base = (Timestamp.now().milliseconds / 1000 / 60) * 60 - 7200
        let historyPath = "\(directory)/history.db"
        let store = try HistoryStore(path: historyPath)
        let node = ["job": "chat", "instance": "node1:9100"]
        for step in 0..<20 {
            let time = Timestamp(milliseconds: (base + Int64(step) * 15) * 1000)
            func sample(_ labels: [String: String], _ value: Double) -> Sample {
                Sample(labels: Labels(labels.merging(node) { $1 }), value: value, timestamp: time)
            }
            try store.append(
                [
                    sample(["__name__": "erlang_process_message_queue_len", "name": "router", "pid": "<0.1.0>"], Double(10 * (step + 1))),
                    sample(["__name__": "erlang_process_message_queue_len", "name": "session", "pid": "<0.2.0>"], 5),
                    sample(["__name__": "up"], 1),
                ], at: time)
        }
        store.close()
        var yaml = "interval: 200ms\ntargets:\n  - {job: chat, targets: [\"127.0.0.1:\(exporterPort)\"]}\nhistory: {path: history.db}\n"
        if let web { yaml += "web:\n" + web }
        try yaml.write(toFile: "\(directory)/backlog.yml", atomically: true, encoding: .utf8)
        let config = try AgentConfig.load(path: "\(directory)/backlog.yml")
        runtime = AgentRuntime(config: config, logger: Logger(label: "api-test") { _ in SwiftLogNoOpLogHandler() })
        server = try AgentHTTPServer(host: "127.0.0.1", port: 0, router: AgentRoutes.router(runtime))
        runtime.start()
    }

    /// Waits until the agent has stored a few live cycles.
    func waitForCycles(_ count: Double = 3) async throws {
        try await Self.waitUntil("the agent stores \(Int(count)) cycles") {
            let line = runtime.metrics.render().split(separator: "\n").first { $0.hasPrefix("backlog_store_appends_total ") }
            return (line.flatMap { Double($0.split(separator: " ").last!) } ?? 0) >= count
        }
    }

    func stop() {
        server.shutdown()
        runtime.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// `GET path`.
    func get(_ path: String, headers: [String: String] = [:]) throws -> LoopbackHTTPResponse {
        let connection = try LoopbackConnection(port: port, timeout: .seconds(30))
        let extra = headers.map { "\($0.key): \($0.value)\r\n" }.joined()
        try connection.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(extra)\r\n")
        return try connection.readResponse()
    }

    /// `POST path` with a form body, as Grafana posts.
    func post(_ path: String, form: [(String, String)], method: String = "POST") throws -> LoopbackHTTPResponse {
        let body = form.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        let connection = try LoopbackConnection(port: port, timeout: .seconds(30))
        try connection.send(
            "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)")
        return try connection.readResponse()
    }

    /// A path with its parameters percent-encoded.
    static func path(_ path: String, _ parameters: [(String, String)]) -> String {
        path + "?" + parameters.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")) ?? text
    }

    static func waitUntil(_ what: String, timeout: Duration = .seconds(120), _ condition: () throws -> Bool) async throws {
        try await TestSupport.waitUntil(what, timeout: timeout) { (try? condition()) ?? false }
    }
}

/// A program run to its end, for `promtool` and `curl`.
struct ToolRun {
    var status: Int32
    var output: String

    static func run(_ executable: String, _ arguments: [String]) throws -> ToolRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ToolRun(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}
