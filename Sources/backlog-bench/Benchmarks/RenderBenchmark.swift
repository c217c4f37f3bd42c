import Dashboard
import TimeSeries

/// The dashboard's frame figures on a 200×60 screen over a model of 1,000 nodes and 20,000
/// process series:
/// - `frame_render_ms`: compose the screen and diff it against the previous frame, after a poll
///   cycle changed the values (median of many frames; the model update itself is not timed);
/// - `frame_bytes_steady_pct`: bytes sent for such a frame as a share of a full redraw of the
///   same frame (median over frames; every history takes a new sample each cycle, so the
///   sparklines shift as they do in `backlog watch`);
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
            BenchmarkResult(name: "frame_bytes_full_redraw", value: cycles.fullBytes, unit: "bytes"),
            BenchmarkResult(name: "frame_bytes_steady", value: cycles.bytes, unit: "bytes"),
            BenchmarkResult(name: "frame_bytes_numbers_only_pct", value: numbers.percent, unit: "%"),
            BenchmarkResult(name: "frame_render_sorted_by_queue_ms", value: sorted.milliseconds, unit: "ms"),
        ]
    }

    private static func measure(state: DashboardState, numbersOnly: Bool)
        -> (milliseconds: Double, bytes: Double, percent: Double, fullBytes: Double) {
        var fleet = SyntheticDashboardFleet(nodes: 1000, processes: 20_000)
        var renderer = FrameRenderer(colorMode: .color)
        _ = renderer.render(DashboardScreen(model: fleet.model, state: state).render(width: width, height: height))
        var times: [Double] = []
        var byteCounts: [Double] = []
        var fullCounts: [Double] = []
        var shares: [Double] = []
        for _ in 0..<frames {
            fleet.advance(numbersOnly: numbersOnly)
            let model = fleet.model
            let start = MonotonicClock.nanoseconds()
            let buffer = DashboardScreen(model: model, state: state).render(width: width, height: height)
            let bytes = renderer.render(buffer)
            times.append(Double(MonotonicClock.nanoseconds() - start) / 1e6)
            // The baseline is what the renderer sends to redraw this same frame on a cleared screen.
            let full = Double(FrameRenderer(colorMode: .color).frame(from: nil, to: buffer).count)
            byteCounts.append(Double(bytes.count))
            fullCounts.append(full)
            shares.append(Double(bytes.count) / full * 100)
        }
        return (rounded(median(times)), median(byteCounts), rounded(median(shares)), median(fullCounts))
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    private static func rounded(_ value: Double) -> Double {
        (value * 1000).rounded() / 1000
    }
}
