import Dashboard
import TimeSeries

/// Per-frame measurements of a run of dashboard frames, and their summaries.
struct FrameFigures {
    /// Compose plus diff, in milliseconds.
    var milliseconds: [Double] = []
    /// Bytes the renderer sent for the frame.
    var bytes: [Double] = []
    /// Bytes a full redraw of the same frame takes.
    var fullBytes: [Double] = []
    /// What the sent bytes were spent on, summed over the frames.
    var breakdown = FrameByteBreakdown()

    /// `bytes` as a percentage of `fullBytes`, frame by frame.
    var shares: [Double] { zip(bytes, fullBytes).map { $0 / $1 * 100 } }

    var frameCount: Int { bytes.count }

    mutating func append(milliseconds: Double, sent: [UInt8], fullBytes: Int) {
        self.milliseconds.append(milliseconds)
        bytes.append(Double(sent.count))
        self.fullBytes.append(Double(fullBytes))
        breakdown.add(sent)
    }

    /// Composes `model`'s screen and diffs it against `renderer`'s, timing both, and records the frame.
    mutating func append(timedFrameOf model: DashboardModel, state: DashboardState, renderer: inout FrameRenderer) {
        let start = MonotonicClock.nanoseconds()
        let buffer = DashboardScreen(model: model, state: state).render(width: RenderBenchmark.width, height: RenderBenchmark.height)
        let bytes = renderer.render(buffer)
        let elapsed = Double(MonotonicClock.nanoseconds() - start) / 1e6
        // A model built for this frame alone would otherwise be freed inside the timed part:
        // 20,000 rows, which is the model update's cost, not the frame's.
        withExtendedLifetime(model) {}
        append(milliseconds: elapsed, sent: bytes, fullBytes: RenderBenchmark.fullRedraw(buffer))
    }

    /// The value below which `fraction` of `values` lie (nearest rank); 0 for none.
    static func quantile(_ values: [Double], _ fraction: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(sorted.count - 1, max(0, rank))]
    }

    static func median(_ values: [Double]) -> Double { quantile(values, 0.5) }

    /// The average; 0 for none.
    static func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }

    /// Three decimals are plenty for every figure printed.
    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
