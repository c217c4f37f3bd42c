import Foundation
import Probe
import TestSupport
import TimeSeries

/// A real remote-write receiver (VictoriaMetrics or Prometheus) on a loopback port, with its data
/// in a temporary folder, and what it stored read back as raw samples.
final class StoreProcess: @unchecked Sendable {
    typealias Kind = StoreServer.Kind

    let kind: Kind
    let port: Int
    let directory: String
    /// Flags added to the defaults, such as VictoriaMetrics's `-dedup.minScrapeInterval=1s`.
    let arguments: [String]
    private var server: StoreServer?
    private let curl = CurlTransport()

    /// Raw samples of one series: timestamps in milliseconds.
    struct Series: Equatable {
        var labels: Labels
        var timestamps: [Int64]
        var values: [Double]
    }

    init(_ kind: Kind, port: Int = LoopbackPort.unused(), arguments: [String] = []) throws {
        self.kind = kind
        self.port = port
        self.arguments = arguments
        directory = NSTemporaryDirectory() + "backlog-store-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    static func available(_ kind: Kind) -> Bool {
        FileManager.default.isExecutableFile(atPath: kind.executable)
    }

    var writeURL: String { "http://127.0.0.1:\(port)/api/v1/write" }

    /// Starts the store on its port, over its data, and waits until it answers.
    func start() async throws {
        let server = try StoreServer.launch(kind, directory: directory, port: port, arguments: arguments)
        self.server = server
        do {
            try await waitUntil("\(kind) answers \(kind.readyPath)", timeout: .seconds(60), pollEvery: .milliseconds(50)) {
                guard server.isRunning else { throw StoreProcessError.exited(kind) }
                return server.answers
            }
        } catch is WaitTimedOut {
            throw StoreProcessError.notReady(kind)
        }
    }

    /// Stops the process (SIGTERM) and waits for it to exit; its data stays for a restart.
    func stop() {
        server?.stop()
        server = nil
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func get(_ path: String) throws -> String {
        let result = curl.perform([HTTPRequestSpec(url: "http://127.0.0.1:\(port)\(path)", timeout: .seconds(30))])[0]
        let response = try result.get()
        guard response.status == 200 else { throw StoreProcessError.status(response.status, String(decoding: response.body, as: UTF8.self)) }
        return String(decoding: response.body, as: UTF8.self)
    }

    /// Every raw sample stored: VictoriaMetrics's `/api/v1/export`, or a Prometheus range-vector
    /// selector at one instant, so no function reshapes them.
    func allSeries(at now: Timestamp) throws -> [Series] {
        let selector = "%7B__name__%3D~%22.%2B%22%7D"
        switch kind {
        case .victoriaMetrics:
            let text = try get("/api/v1/export?match%5B%5D=\(selector)")
            return try text.split(separator: "\n").map { line in
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
                let metric = object["metric"] as? [String: String] ?? [:]
                let timestamps = (object["timestamps"] as? [NSNumber] ?? []).map(\.int64Value)
                let values = (object["values"] as? [Any] ?? []).map { value -> Double in
                    if let number = value as? NSNumber { return number.doubleValue }
                    return Double(value as? String ?? "") ?? .nan
                }
                return Series(labels: Labels(metric), timestamps: timestamps, values: values)
            }
        case .prometheus:
            let seconds = Double(now.milliseconds) / 1000
            let text = try get("/api/v1/query?query=\(selector)%5B30m%5D&time=\(seconds)")
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
            let data = object["data"] as? [String: Any] ?? [:]
            return (data["result"] as? [[String: Any]] ?? []).map { entry in
                let metric = entry["metric"] as? [String: String] ?? [:]
                let pairs = entry["values"] as? [[Any]] ?? []
                return Series(
                    labels: Labels(metric),
                    timestamps: pairs.map { Int64((($0[0] as? NSNumber)?.doubleValue ?? 0) * 1000 + 0.5) },
                    values: pairs.map { Double($0[1] as? String ?? "") ?? .nan })
            }
        }
    }
}

enum StoreProcessError: Error {
    case exited(StoreProcess.Kind)
    case notReady(StoreProcess.Kind)
    case status(Int, String)
}
