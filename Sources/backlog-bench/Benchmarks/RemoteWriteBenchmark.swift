import Agent
import Foundation
import History
import RemoteWrite
import TestSupport
import TimeSeries

/// Remote write's cost: CPU the agent spends per million samples delivered to a real
/// VictoriaMetrics on loopback (the sending thread, and logging the samples in the history), and
/// bytes on the wire per sample (snappy-compressed protobuf).
enum RemoteWriteBenchmark {
    static func run() -> [BenchmarkResult] {
        let directory = NSTemporaryDirectory() + "backlog-bench-rw-\(getpid())"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let victoria = try StoreServer.start(.victoriaMetrics, directory: directory + "/vm")
            defer { victoria.stop() }
            return try measure(path: directory + "/h.db", url: victoria.writeURL)
        } catch {
            print("remote write benchmark skipped: \(error)")
            return []
        }
    }

    /// 50 cycles of 20,000 queue-length series (one million samples), logged by the history as the
    /// agent logs them, then sent by one sender with the default queue settings. The CPU counted is
    /// the sender thread's plus what logging added to the appends (the same appends timed without
    /// it, the median of three pairs).
    static func measure(path: String, url: String) throws -> [BenchmarkResult] {
        let series = 20_000
        let cycles = 50
        let labels = (0..<series).map { index in
            Labels(["__name__": "erlang_process_message_queue_len", "instance": "node\(index / 2000):9199", "job": "chat",
                    "pid": "<0.\(index).0>", "name": "worker_\(index % 300)"])
        }
        let base = Timestamp.now().milliseconds
        func appendAll(to path: String, log: Bool) throws -> Double {
            var options = HistoryOptions()
            options.remoteWriteLog = log
            let store = try HistoryStore(path: path, options: options)
            defer { store.close() }
            var cpu = 0.0
            for cycle in 0..<cycles {
                let time = Timestamp(milliseconds: base - Int64(cycles - cycle) * 5000)
                let samples = labels.enumerated().map { index, labels in
                    Sample(labels: labels, value: Double((index &* 31 &+ cycle &* 7) % 500), timestamp: time)
                }
                let before = MonotonicClock.threadCPUNanoseconds()
                try store.append(samples, at: time)
                cpu += Double(MonotonicClock.threadCPUNanoseconds() - before) / 1e9
            }
            return cpu
        }
        // Logging's share is a difference of two timed runs, so it is taken over three pairs,
        // alternating, and the median kept: one pair swings with whatever else the machine does.
        var differences: [Double] = []
        for round in 0..<3 {
            let plain = "\(path).plain\(round)"
            let logged = round == 2 ? path : "\(path).logged\(round)"
            let withoutLog = try appendAll(to: plain, log: false)
            let withLog = try appendAll(to: logged, log: true)
            differences.append(withLog - withoutLog)
        }
        let loggingCPU = max(0, differences.sorted()[1])
        let sender = RemoteWriteSender(
            endpoint: RemoteWriteEndpoint(name: "bench", url: url), historyPath: path,
            externalLabels: Labels(["replica": "a"]), version: BuildInfo.version,
            transport: CurlRemoteWriteTransport.make())
        sender.start()
        let total = Int64(series * cycles)
        let deadline = ContinuousClock.now + .seconds(600)
        while sender.stats.samplesAccepted < total, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.05) }
        sender.stop()
        let stats = sender.stats
        guard stats.samplesAccepted == total else {
            print("remote write benchmark: only \(stats.samplesAccepted) of \(total) samples were accepted")
            return []
        }
        return [
            BenchmarkResult(
                name: "remote_write_cpu_s_per_million_samples", value: (stats.cpuSeconds + loggingCPU) / Double(total) * 1e6,
                unit: "s"),
            BenchmarkResult(name: "remote_write_sender_cpu_s_per_million_samples", value: stats.cpuSeconds / Double(total) * 1e6, unit: "s"),
            BenchmarkResult(
                name: "remote_write_bytes_per_sample", value: Double(stats.bytesSent) / Double(stats.samplesSent), unit: "bytes"),
        ]
    }
}
