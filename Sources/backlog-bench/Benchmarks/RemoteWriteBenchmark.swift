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

    /// 20,000 queue-length series, logged by the history as the agent logs them and sent by one
    /// sender with the default queue settings, measured in steady state: 10 cycles teach the
    /// sender every series, then three rounds of 50 more (one million samples each) are appended
    /// while it sends. The CPU counted is the sender thread's over the median round plus what
    /// logging added to the appends (the same appends timed without it, the median of three
    /// pairs). What learning a series costs the sender once is its own figure.
    static func measure(path: String, url: String) throws -> [BenchmarkResult] {
        let series = 20_000
        let warmCycles = 10
        let cycles = 50
        let labels = (0..<series).map { index in
            Labels(["__name__": "erlang_process_message_queue_len", "instance": "node\(index / 2000):9199", "job": "chat",
                    "pid": "<0.\(index).0>", "name": "worker_\(index % 300)"])
        }
        let base = Timestamp.now().milliseconds - Int64(warmCycles + 3 * cycles) * 5000
        /// Appends `cycles`, returning the CPU their appends took.
        func append(_ cycles: Range<Int>, to store: HistoryStore) throws -> Double {
            var cpu = 0.0
            for cycle in cycles {
                let time = Timestamp(milliseconds: base + Int64(cycle) * 5000)
                let samples = labels.enumerated().map { index, labels in
                    Sample(labels: labels, value: Double((index &* 31 &+ cycle &* 7) % 500), timestamp: time)
                }
                let before = MonotonicClock.threadCPUNanoseconds()
                try store.append(samples, at: time)
                cpu += Double(MonotonicClock.threadCPUNanoseconds() - before) / 1e9
            }
            return cpu
        }
        func openStore(_ path: String, log: Bool) throws -> HistoryStore {
            var options = HistoryOptions()
            options.remoteWriteLog = log
            return try HistoryStore(path: path, options: options)
        }
        let warm = 0..<warmCycles
        let measured = warmCycles..<(warmCycles + cycles)
        // Logging's share is a difference of two timed runs, so it is taken over three pairs,
        // alternating, and the median kept: one pair swings with whatever else the machine does.
        var differences: [Double] = []
        for round in 0..<3 {
            var pair: [Double] = []
            for log in [false, true] {
                let store = try openStore("\(path).\(log ? "logged" : "plain")\(round)", log: log)
                defer { store.close() }
                _ = try append(warm, to: store)
                pair.append(try append(measured, to: store))
            }
            differences.append(pair[1] - pair[0])
        }
        let loggingCPU = max(0, differences.sorted()[1])

        let store = try openStore(path, log: true)
        defer { store.close() }
        _ = try append(warm, to: store)
        let sender = RemoteWriteSender(
            endpoint: RemoteWriteEndpoint(name: "bench", url: url), historyPath: path,
            externalLabels: Labels(["replica": "a"]), version: BuildInfo.version,
            transport: CurlRemoteWriteTransport.make())
        sender.start()
        defer { sender.stop() }
        let warmTotal = Int64(series * warmCycles)
        let deadline = ContinuousClock.now + .seconds(600)
        func waitFor(_ samples: Int64) -> Bool {
            while sender.stats.samplesAccepted < samples || sender.stats.samplesPending > 0, ContinuousClock.now < deadline {
                Thread.sleep(forTimeInterval: 0.05)
            }
            return sender.stats.samplesAccepted == samples
        }
        guard waitFor(warmTotal) else {
            print("remote write benchmark: only \(sender.stats.samplesAccepted) of \(warmTotal) samples were accepted")
            return []
        }
        let warmStats = sender.stats
        // Three rounds of 50 cycles; the median round is kept, as one round swings with the machine.
        var rounds: [(cpu: Double, bytes: Int64, samples: Int64)] = []
        var appended = warmTotal
        for round in 0..<3 {
            let before = sender.stats
            _ = try append(measured.lowerBound + round * cycles..<measured.upperBound + round * cycles, to: store)
            appended += Int64(series * cycles)
            guard waitFor(appended) else {
                print("remote write benchmark: only \(sender.stats.samplesAccepted) of \(appended) samples were accepted")
                return []
            }
            let after = sender.stats
            rounds.append((after.cpuSeconds - before.cpuSeconds, after.bytesSent - before.bytesSent, after.samplesSent - before.samplesSent))
        }
        let median = rounds.sorted { $0.cpu < $1.cpu }[1]
        let steadySamples = Double(median.samples)
        let senderCPU = median.cpu
        let perSample = senderCPU / steadySamples
        let newSeriesCPU = max(0, warmStats.cpuSeconds - perSample * Double(warmTotal))
        return [
            BenchmarkResult(
                name: "remote_write_cpu_s_per_million_samples", value: (senderCPU + loggingCPU) / steadySamples * 1e6, unit: "s"),
            BenchmarkResult(name: "remote_write_sender_cpu_s_per_million_samples", value: perSample * 1e6, unit: "s"),
            BenchmarkResult(name: "remote_write_new_series_us", value: newSeriesCPU / Double(series) * 1e6, unit: "us"),
            BenchmarkResult(
                name: "remote_write_bytes_per_sample",
                value: Double(median.bytes) / steadySamples, unit: "bytes"),
        ]
    }
}
