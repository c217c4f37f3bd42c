import Dashboard
import TimeSeries

/// The dashboard's frame figures on a 200×60 screen over a model of 1,000 nodes and 20,000
/// process series:
/// - `frame_render_ms`: compose the screen and diff it against the previous frame, after a poll
///   cycle changed the values (median of many frames; the model update itself is not timed);
/// - `frame_bytes_steady_pct`: bytes sent for such a frame as a share of a full redraw;
/// - the same bytes figure when only the numbers change (histories unchanged), and the render
///   time when the processes are sorted by queue instead of taken in rank order.
enum RenderBenchmark {
    static let width = 200
    static let height = 60
    static let frames = 300

    static func run() -> [BenchmarkResult] {
        let cycles = measure(state: DashboardState(), numbersOnly: false)
        let numbers = measure(state: DashboardState(), numbersOnly: true)
        let sorted = measure(state: DashboardState(sort: .queue), numbersOnly: false)
        return [
            BenchmarkResult(name: "frame_render_ms", value: cycles.milliseconds, unit: "ms"),
            BenchmarkResult(name: "frame_bytes_steady_pct", value: cycles.percent, unit: "%"),
            BenchmarkResult(name: "frame_bytes_full_redraw", value: Double(cycles.fullBytes), unit: "bytes"),
            BenchmarkResult(name: "frame_bytes_steady", value: cycles.bytes, unit: "bytes"),
            BenchmarkResult(name: "frame_bytes_numbers_only_pct", value: numbers.percent, unit: "%"),
            BenchmarkResult(name: "frame_render_sorted_by_queue_ms", value: sorted.milliseconds, unit: "ms"),
        ]
    }

    private static func measure(state: DashboardState, numbersOnly: Bool)
        -> (milliseconds: Double, bytes: Double, percent: Double, fullBytes: Int) {
        var fleet = SyntheticDashboardFleet(nodes: 1000, processes: 20_000)
        var renderer = FrameRenderer(colorMode: .color)
        let first = DashboardScreen(model: fleet.model, state: state).render(width: width, height: height)
        let fullBytes = renderer.render(first).count
        var times: [Double] = []
        var byteCounts: [Double] = []
        for _ in 0..<frames {
            fleet.advance(numbersOnly: numbersOnly)
            let model = fleet.model
            let start = MonotonicClock.nanoseconds()
            let buffer = DashboardScreen(model: model, state: state).render(width: width, height: height)
            let bytes = renderer.render(buffer)
            times.append(Double(MonotonicClock.nanoseconds() - start) / 1e6)
            byteCounts.append(Double(bytes.count))
        }
        let bytes = median(byteCounts)
        return (rounded(median(times)), bytes, rounded(bytes / Double(fullBytes) * 100), fullBytes)
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    private static func rounded(_ value: Double) -> Double {
        (value * 1000).rounded() / 1000
    }
}
