import Agent
import Foundation
import History
import Logging
import TestSupport
import TimeSeries

/// How fast the agent's Prometheus HTTP API answers a typical Grafana panel: a range query
/// posted as a form over a real loopback socket, over a history file.
enum APIBenchmark {
    static func run() -> [BenchmarkResult] { [topkPanel()] }

    /// `topk(10, erlang_process_message_queue_len)` over 1 h at a 15 s step, on 20,000 process
    /// series sampled every second (72 million samples), answered through `/api/v1/query_range`.
    private static func topkPanel(series count: Int = 20_000, seconds: Int64 = 3600) -> BenchmarkResult {
        let directory = NSTemporaryDirectory() + "backlog-bench-api-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let start = (Int64(Date().timeIntervalSince1970) / 60) * 60 - seconds - 60
        fill("\(directory)/history.db", series: count, from: start, seconds: seconds)
        let config: AgentConfig
        do {
            try "targets: []\nhistory: {path: history.db}\n".write(toFile: "\(directory)/backlog.yml", atomically: true, encoding: .utf8)
            config = try AgentConfig.load(path: "\(directory)/backlog.yml")
        } catch { fatalError("api_query_range: \(error)") }
        // Not started: the API reads the file, as it does for any window older than memory's.
        let runtime = AgentRuntime(config: config, logger: Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() })
        let server: AgentHTTPServer
        do { server = try AgentHTTPServer(host: "127.0.0.1", port: 0, router: AgentRoutes.router(runtime)) } catch {
            fatalError("api_query_range: \(error)")
        }
        defer { server.shutdown() }
        let body = "query=topk(10%2C%20erlang_process_message_queue_len)&start=\(start)&end=\(start + seconds)&step=15"
        let request = "POST /api/v1/query_range HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
        var times: [Double] = []
        for run in 0..<6 {
            let began = MonotonicClock.nanoseconds()
            do {
                let connection = try LoopbackConnection(port: server.port, timeout: .seconds(600))
                try connection.send(request)
                let response = try connection.readResponse()
                guard response.status == 200, response.text.hasPrefix(#"{"status":"success","data":{"resultType":"matrix""#) else {
                    fatalError("api_query_range: \(response.status) \(response.text.prefix(300))")
                }
            } catch { fatalError("api_query_range: \(error)") }
            if run > 0 { times.append(Double(MonotonicClock.nanoseconds() - began) / 1_000_000) }
        }
        return BenchmarkResult(name: "api_query_range_ms", value: times.sorted()[times.count / 2], unit: "ms")
    }

    /// Writes `series` process queues, one sample a second for `seconds`, as an import writes them.
    private static func fill(_ path: String, series count: Int, from start: Int64, seconds: Int64) {
        do {
            let store = try HistoryStore(path: path)
            defer { store.close() }
            let perBatch = 250
            for first in stride(from: 0, to: count, by: perBatch) {
                var samples: [Sample] = []
                samples.reserveCapacity(perBatch * Int(seconds))
                for index in first..<min(first + perBatch, count) {
                    let labels = Labels([
                        "__name__": "erlang_process_message_queue_len", "job": "chat", "instance": "node\(index % 50):9100",
                        "pid": "<0.\(index).0>", "name": index % 3 == 0 ? "worker_\(index)" : "", "initial_call": "proc_lib:init_p/5",
                    ])
                    var level = Double(index % 97)
                    for second in 0..<seconds {
                        // A queue that drifts up and down, a few of them growing steadily.
                        level = max(0, level + Double((index &* 31 &+ Int(second) &* 17) % 7) - (index % 400 == 0 ? 2 : 3))
                        samples.append(Sample(labels: labels, value: level, timestamp: Timestamp(milliseconds: (start + second) * 1000)))
                    }
                }
                try store.importSamples(samples)
            }
        } catch { fatalError("api_query_range: cannot build the history: \(error)") }
    }
}
