import Probe
import TimeSeries

/// How fast `ParsedExposition.parse` reads a large node's queue-length export into `Sample`s.
enum ParseBenchmark {
    static let series = 200_000
    static let runs = 7

    /// `parse_mb_per_s` (1 MB = 10^6 bytes) and `parse_samples_per_s`, from the median of `runs`
    /// timed parses after one warm-up; freeing each result is not timed.
    static func run() -> [BenchmarkResult] {
        let bytes = QueueLengthExposition.generate(series: series)
        _ = parseChecked(bytes)
        var seconds: [Double] = []
        for _ in 0..<runs {
            let start = MonotonicClock.nanoseconds()
            let parsed = parseChecked(bytes)
            seconds.append(Double(MonotonicClock.nanoseconds() - start) / 1e9)
            withExtendedLifetime(parsed) {}
        }
        let median = seconds.sorted()[runs / 2]
        return [
            BenchmarkResult(name: "parse_mb_per_s", value: Double(bytes.count) / 1e6 / median, unit: "MB/s"),
            BenchmarkResult(name: "parse_samples_per_s", value: Double(series) / median, unit: "samples/s"),
        ]
    }

    private static func parseChecked(_ bytes: [UInt8]) -> ParsedExposition {
        do {
            let parsed = try ParsedExposition.parse(bytes, format: .prometheusText)
            precondition(parsed.samples.count == series, "parsed \(parsed.samples.count) samples, expected \(series)")
            return parsed
        } catch {
            fatalError("the generated exposition failed to parse: \(error)")
        }
    }
}
