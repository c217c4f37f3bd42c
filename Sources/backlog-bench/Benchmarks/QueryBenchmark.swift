import Query
import TimeSeries

/// How fast the PromQL engine answers the queries the issues name, over in-memory series.
enum QueryBenchmark {
    static func run() -> [BenchmarkResult] {
        [rangeOverOneDay(), topkOverManySeries()]
    }

    /// `rate(x[1m])` at a 60 s step over one series sampled every second for 24 hours.
    private static func rangeOverOneDay() -> BenchmarkResult {
        let seconds = Int64(86_400)
        let counter = StoredSeries(
            labels: Labels(["__name__": "x"]), timestamps: (0..<seconds).map { $0 * 1000 },
            values: (0..<seconds).map { Double($0 * 3) })
        let engine = QueryEngine(reader: InMemorySeriesReader([counter]))
        let expr = parsed("rate(x[1m])")
        let milliseconds = medianMilliseconds {
            let result = try engine.range(
                expr, start: Timestamp(milliseconds: 0), end: Timestamp(milliseconds: seconds * 1000), step: .seconds(60))
            guard case .matrix(let series) = result, series.first?.points.count == 1440 else {
                fatalError("query_range_24h: unexpected result")
            }
        }
        return BenchmarkResult(name: "query_range_24h_ms", value: milliseconds, unit: "ms")
    }

    /// `topk(10, erlang_process_message_queue_len)` over 100,000 series with the exporter's three
    /// labels (the name is empty for a third of them, as for unregistered processes).
    private static func topkOverManySeries() -> BenchmarkResult {
        let now = Int64(1_700_000_000_000)
        let series = (0..<100_000).map { index -> StoredSeries in
            let labels = Labels([
                Label("__name__", "erlang_process_message_queue_len"), Label("pid", "<0.\(index).0>"),
                Label("name", index % 3 == 0 ? "worker_\(index)" : ""), Label("initial_call", "proc_lib:init_p/5"),
            ])
            let values = [Double(index % 997), Double((index * 7919) % 100_003)]
            return StoredSeries(labels: labels, timestamps: [now - 15_000, now - 5_000], values: values)
        }
        let engine = QueryEngine(reader: InMemorySeriesReader(series))
        let expr = parsed("topk(10, erlang_process_message_queue_len)")
        let milliseconds = medianMilliseconds {
            guard case .vector(let top) = try engine.instant(expr, at: Timestamp(milliseconds: now)), top.count == 10 else {
                fatalError("query_topk: unexpected result")
            }
        }
        return BenchmarkResult(name: "query_topk_ms", value: milliseconds, unit: "ms")
    }

    private static func parsed(_ text: String) -> Expr {
        do {
            return try QueryEngine.parse(text)
        } catch {
            fatalError("\(text): \(error)")
        }
    }

    /// The median wall time of several runs, after one warm-up run.
    private static func medianMilliseconds(runs: Int = 9, _ body: () throws -> Void) -> Double {
        var times: [Double] = []
        for run in 0...runs {
            let start = MonotonicClock.nanoseconds()
            do {
                try body()
            } catch {
                fatalError("benchmark query failed: \(error)")
            }
            if run > 0 { times.append(Double(MonotonicClock.nanoseconds() - start) / 1_000_000) }
        }
        return times.sorted()[times.count / 2]
    }
}
