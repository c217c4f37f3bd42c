import Agent
import Foundation
import History
import Logging
import Probe
import RemoteWrite
import TestSupport
import TimeSeries

/// How fast the agent's Prometheus HTTP API answers a typical Grafana panel, and Prometheus 2.42
/// beside it on the same samples: `topk(10, erlang_process_message_queue_len)` over 1 h at a 15 s
/// step, on 20,000 process series sampled every second (72 million samples), posted as a form.
enum APIBenchmark {
    static let seriesCount = 20_000
    static let seconds: Int64 = 3600
    static let query = "topk(10, erlang_process_message_queue_len)"

    static func run() -> [BenchmarkResult] {
        let directory = NSTemporaryDirectory() + "backlog-bench-api-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let start = (Int64(Date().timeIntervalSince1970) / 60) * 60 - seconds - 60
        fill("\(directory)/history.db", from: start)
        let (agentMilliseconds, agentAnswer) = agentPanel(directory: directory, start: start)
        var results = [BenchmarkResult(name: "api_query_range_ms", value: agentMilliseconds, unit: "ms")]
        if let (prometheusMilliseconds, prometheusAnswer) = prometheusPanel(directory: directory + "/prometheus", start: start) {
            results.append(BenchmarkResult(name: "api_query_range_prometheus_ms", value: prometheusMilliseconds, unit: "ms"))
            if agentAnswer != prometheusAnswer {
                print("api_query_range: the agent and Prometheus disagree on the top 10 at \(differingSteps(agentAnswer, prometheusAnswer)) steps")
            }
        }
        return results
    }

    /// The panel through the agent's `/api/v1/query_range` over the history file.
    private static func agentPanel(directory: String, start: Int64) -> (Double, TopValues) {
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
        return timePanel(url: "http://127.0.0.1:\(server.port)", start: start, engine: "the agent")
    }

    /// The same panel through Prometheus 2.42, holding the same samples, remote-written to it.
    private static func prometheusPanel(directory: String, start: Int64) -> (Double, TopValues)? {
        let prometheus: StoreServer
        do { prometheus = try StoreServer.start(.prometheus, directory: directory) } catch {
            print("api_query_range_prometheus_ms skipped: \(error)")
            return nil
        }
        defer { prometheus.stop() }
        let curl = CurlTransport()
        let perRequest = 10
        for first in stride(from: 0, to: seriesCount, by: perRequest) {
            let series = (first..<min(first + perRequest, seriesCount)).map { index in
                let (labels, values) = queue(index, from: start)
                return WireFormat.Series(
                    labels: labels, timestamps: (0..<seconds).map { (start + $0) * 1000 }, values: values)
            }
            let request = HTTPRequestSpec(
                url: prometheus.writeURL, method: "POST", headers: WireFormat.headers(version: BuildInfo.version),
                body: WireFormat.body(series), timeout: .seconds(120))
            switch curl.perform([request])[0] {
            case .success(let response) where (200..<300).contains(response.status): break
            case .success(let response):
                fatalError("api_query_range: Prometheus refused samples: \(response.status) \(String(decoding: response.body.prefix(200), as: UTF8.self))")
            case .failure(let error): fatalError("api_query_range: remote write to Prometheus failed: \(error)")
            }
        }
        return timePanel(url: prometheus.url, start: start, engine: "Prometheus")
    }

    /// The median of five timed runs after one warm-up, and the answer's top values per step.
    private static func timePanel(url: String, start: Int64, engine: String) -> (Double, TopValues) {
        let curl = CurlTransport()
        let form = "query=topk(10%2C%20erlang_process_message_queue_len)&start=\(start)&end=\(start + seconds)&step=15"
        let request = HTTPRequestSpec(
            url: url + "/api/v1/query_range", method: "POST",
            headers: [("Content-Type", "application/x-www-form-urlencoded")], body: Array(form.utf8),
            timeout: .seconds(600), maxBodyBytes: 64 << 20)
        var times: [Double] = []
        var answer: TopValues = [:]
        for run in 0..<6 {
            let began = MonotonicClock.nanoseconds()
            let response: HTTPResponse
            switch curl.perform([request])[0] {
            case .success(let ok): response = ok
            case .failure(let error): fatalError("api_query_range: \(engine): \(error)")
            }
            if run > 0 { times.append(Double(MonotonicClock.nanoseconds() - began) / 1_000_000) }
            guard response.status == 200, let top = topValues(response.body) else {
                fatalError("api_query_range: \(engine) answered \(response.status) \(String(decoding: response.body.prefix(300), as: UTF8.self))")
            }
            answer = top
        }
        return (times.sorted()[times.count / 2], answer)
    }

    /// Per step time, the ten values `topk` chose, sorted: equal however each engine breaks ties.
    typealias TopValues = [Double: [Double]]

    private static func topValues(_ body: [UInt8]) -> TopValues? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let data = object["data"] as? [String: Any], data["resultType"] as? String == "matrix",
            let result = data["result"] as? [[String: Any]]
        else { return nil }
        var top: TopValues = [:]
        for series in result {
            for pair in series["values"] as? [[Any]] ?? [] {
                guard pair.count == 2, let time = (pair[0] as? NSNumber)?.doubleValue, let value = Double(pair[1] as? String ?? "")
                else { return nil }
                top[time, default: []].append(value)
            }
        }
        return top.mapValues { $0.sorted() }
    }

    private static func differingSteps(_ a: TopValues, _ b: TopValues) -> Int {
        Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.count
    }

    /// One process queue, sampled every second: its labels and values.
    private static func queue(_ index: Int, from start: Int64) -> (Labels, [Double]) {
        let labels = Labels([
            "__name__": "erlang_process_message_queue_len", "job": "chat", "instance": "node\(index % 50):9100",
            "pid": "<0.\(index).0>", "name": index % 3 == 0 ? "worker_\(index)" : "", "initial_call": "proc_lib:init_p/5",
        ])
        var level = Double(index % 97)
        var values: [Double] = []
        values.reserveCapacity(Int(seconds))
        for second in 0..<seconds {
            // A queue that drifts up and down, a few of them growing steadily.
            level = max(0, level + Double((index &* 31 &+ Int(second) &* 17) % 7) - (index % 400 == 0 ? 2 : 3))
            values.append(level)
        }
        return (labels, values)
    }

    /// Writes every queue into a history file, as an import writes them.
    private static func fill(_ path: String, from start: Int64) {
        do {
            let store = try HistoryStore(path: path)
            defer { store.close() }
            let perBatch = 250
            for first in stride(from: 0, to: seriesCount, by: perBatch) {
                var samples: [Sample] = []
                samples.reserveCapacity(perBatch * Int(seconds))
                for index in first..<min(first + perBatch, seriesCount) {
                    let (labels, values) = queue(index, from: start)
                    for (second, value) in values.enumerated() {
                        samples.append(Sample(labels: labels, value: value, timestamp: Timestamp(milliseconds: (start + Int64(second)) * 1000)))
                    }
                }
                try store.importSamples(samples)
            }
        } catch { fatalError("api_query_range: cannot build the history: \(error)") }
    }
}
