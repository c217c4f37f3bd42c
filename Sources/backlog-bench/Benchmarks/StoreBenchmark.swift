import Foundation
import History
import TestSupport
import TimeSeries

/// The history store's figures: ingest rate at 200,000 series per cycle, and file bytes per sample
/// for one simulated hour of a ten-node fleet.
enum StoreBenchmark {
    static func run() -> [BenchmarkResult] {
        withScratchDirectory("store") { directory in
            do {
                return try ingest(path: directory + "/ingest.db") + [try bytesPerSample(path: directory + "/fleet.db")]
                    + [try newSeries(path: directory + "/churn.db")]
            } catch {
                print("store benchmark failed: \(error)")
                return []
            }
        }
    }

    /// What a series the store has not seen costs: cycles of 50,000 known series, then the same
    /// with 5,000 series more that are all new every cycle (a target whose pids churn); the
    /// difference of the median cycle times over the 5,000.
    static func newSeries(path: String) throws -> BenchmarkResult {
        let known = 50_000
        let fresh = 5_000
        let store = try HistoryStore(path: path)
        defer { store.close() }
        let steady = (0..<known).map { index in
            Labels(["__name__": "erlang_process_message_queue_len", "instance": "node\(index / 500):9199", "job": "chat",
                    "pid": "<0.\(index).0>"])
        }
        var cycle = 0
        func append(newSeries: Int) throws -> Double {
            let time = Timestamp(milliseconds: 1_700_000_000_000 + Int64(cycle) * 1000)
            var samples = steady.enumerated().map { index, labels in
                Sample(labels: labels, value: Double((index &* 31 &+ cycle &* 7) % 50), timestamp: time)
            }
            for index in 0..<newSeries {
                let labels = Labels(["__name__": "erlang_process_message_queue_len", "instance": "churn:9199", "job": "chat",
                                     "pid": "<0.\(cycle * newSeries + index).1>"])
                samples.append(Sample(labels: labels, value: Double(index % 40), timestamp: time))
            }
            cycle += 1
            let start = MonotonicClock.nanoseconds()
            try store.append(samples, at: time)
            return Double(MonotonicClock.nanoseconds() - start) / 1e9
        }
        _ = try append(newSeries: 0)
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        let base = median(try (0..<15).map { _ in try append(newSeries: 0) })
        let churned = median(try (0..<30).map { _ in try append(newSeries: fresh) })
        return BenchmarkResult(name: "store_new_series_us", value: max(0, churned - base) / Double(fresh) * 1e6, unit: "us")
    }

    /// 200,000 series with 4 labels, one sample each per cycle at 1 s steps; cycles past the
    /// 120-sample chunk cut so chunk writes and tail truncation are in the figure.
    static func ingest(path: String) throws -> [BenchmarkResult] {
        let seriesCount = 200_000
        let cycles = 150
        let store = try HistoryStore(path: path)
        let labels = (0..<seriesCount).map { index in
            Labels(["__name__": "erlang_process_message_queue_len", "instance": "node\(index / 2000):9199",
                    "job": "chat", "pid": "<0.\(index).0>"])
        }
        var samples = labels.map { Sample(labels: $0, value: 0, timestamp: nil) }
        var elapsed: UInt64 = 0
        var slowest: UInt64 = 0
        var firstCycle: UInt64 = 0
        var stored = 0
        for cycle in 0..<cycles {
            let time = Timestamp(milliseconds: 1_700_000_000_000 + Int64(cycle) * 1000)
            for index in samples.indices {
                samples[index].value = Double((index &* 31 &+ cycle &* 7) % 50)
                samples[index].timestamp = time
            }
            let start = MonotonicClock.nanoseconds()
            stored += try store.append(samples, at: time).appended
            let took = MonotonicClock.nanoseconds() - start
            elapsed += took
            if cycle == 0 { firstCycle = took } else { slowest = max(slowest, took) }
        }
        store.close()
        return [
            BenchmarkResult(name: "store_ingest_samples_per_s", value: (Double(stored) / (Double(elapsed) / 1e9)).rounded(),
                            unit: "samples/s"),
            // The first cycle creates all 200,000 series and their postings.
            BenchmarkResult(name: "store_ingest_first_cycle_ms", value: (Double(firstCycle) / 1e6).rounded(), unit: "ms"),
            BenchmarkResult(name: "store_ingest_slowest_later_cycle_ms", value: (Double(slowest) / 1e6).rounded(), unit: "ms"),
        ]
    }

    /// One hour at 1 s of 10 nodes × ~50 series; the file after a flush and checkpoint over the samples.
    static func bytesPerSample(path: String) throws -> BenchmarkResult {
        let store = try HistoryStore(path: path)
        var fleet = FleetGauges(nodes: 10)
        for second in 0..<3600 {
            let time = Timestamp(milliseconds: 1_700_000_000_000 + Int64(second) * 1000)
            try store.append(fleet.cycle(at: time), at: time)
        }
        try store.flush()
        let stats = try store.stats()
        store.close()
        return BenchmarkResult(name: "store_bytes_per_sample", value: stats.bytesPerSample, unit: "bytes")
    }
}
