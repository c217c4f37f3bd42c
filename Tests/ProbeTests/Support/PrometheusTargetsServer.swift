import Foundation
import Probe
import TestSupport

/// A real Prometheus server (Debian's 2.42) on a loopback port, run with a scrape config of the
/// test's, and what its `/api/v1/targets` says it keeps and drops.
final class PrometheusTargetsServer {
    static let binary = "/usr/bin/prometheus"
    static var available: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    /// One target Prometheus listed: its scrape pool (job), and `__address__` before relabelling.
    struct Listed: Hashable {
        var pool: String
        var address: String
    }

    let port: Int
    let directory: String
    private let process: Process
    private let curl = CurlTransport()

    private init(port: Int, directory: String, process: Process) {
        self.port = port
        self.directory = directory
        self.process = process
    }

    /// Starts Prometheus with `config` (prometheus.yml text) and waits until it is ready; on
    /// another port when it exits first (a test beside this one took the port in between).
    static func start(config: String) async throws -> PrometheusTargetsServer {
        let directory = NSTemporaryDirectory() + "backlog-prometheus-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try config.write(toFile: "\(directory)/prometheus.yml", atomically: true, encoding: .utf8)
        for _ in 0..<3 {
            let port = LoopbackPort.unused()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = [
                "--config.file=\(directory)/prometheus.yml", "--storage.tsdb.path=\(directory)/data-\(port)",
                "--web.listen-address=127.0.0.1:\(port)", "--log.level=error",
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let server = PrometheusTargetsServer(port: port, directory: directory, process: process)
            try await waitUntil("Prometheus on port \(port) is ready") {
                !process.isRunning || (try? server.get("/-/ready")) != nil
            }
            if process.isRunning { return server }
        }
        throw PrometheusTargetsError(message: "Prometheus exited three times before it was ready")
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The targets Prometheus keeps (`activeTargets`) and drops (`droppedTargets`) now.
    func targets() throws -> (active: Set<Listed>, dropped: Set<Listed>) {
        let body = try get("/api/v1/targets")
        let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        let data = object?["data"] as? [String: Any] ?? [:]
        func listed(_ key: String) -> Set<Listed> {
            Set((data[key] as? [[String: Any]] ?? []).map { entry in
                let discovered = entry["discoveredLabels"] as? [String: String] ?? [:]
                return Listed(pool: entry["scrapePool"] as? String ?? discovered["job"] ?? "", address: discovered["__address__"] ?? "")
            })
        }
        return (listed("activeTargets"), listed("droppedTargets"))
    }

    private func get(_ path: String) throws -> String {
        let response = try curl.perform([HTTPRequestSpec(url: "http://127.0.0.1:\(port)\(path)", timeout: .seconds(10))])[0].get()
        guard response.status == 200 else {
            throw PrometheusTargetsError(message: "GET \(path) answered \(response.status)")
        }
        return String(decoding: response.body, as: UTF8.self)
    }
}

struct PrometheusTargetsError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
