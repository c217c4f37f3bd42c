import Dashboard
import TimeSeries

/// The dashboard's frame figures on a 200×60 screen over about 1,000 nodes and 20,000 process
/// series, from two models of what changes between frames:
///
/// - The simulated fleet (`SimulatedDashboardFleet`): the default `backlog demo` scenario on
///   1,000 nodes of 20 processes each, every node polled once a second and the model built by
///   the same agent and mapping code as `backlog watch`. Frames are the 120 seconds in which
///   chat3's `chat_router` mailbox grows (seconds 20–139 of the scenario's second 3-minute
///   cycle, after two minutes of polling so every history is full). chat2's run queue surges in
///   that window and chat5 goes down and comes back, so 2 of the 120 frames redraw a node row
///   that flips state; nothing is left out. No resize, no key, no scroll: just a poll cycle's
///   new values, with every sparkline shifting by one sample each second. Each second is drawn
///   twice:
///   - as ranked (`live`): the frame `backlog watch` draws, where processes also change places
///     as their peaks come and go;
///   - with the rows of the second before kept in their places (`steady`, the issue's "only
///     values change"): the same processes in the same rows, showing this second's figures
///     and sparklines, and every node's;
///   - `frame_render_ms`: compose the live screen and diff it against the previous frame
///     (median; polling and building the model are not timed);
///   - `frame_bytes_steady_pct`, `frame_bytes_steady_p90_pct`, `frame_bytes_live_pct` and
///     `frame_bytes_live_p90_pct`: bytes sent for a frame as a share of a full redraw of the same
///     frame (median and 90th percentile over the frames; `frame_bytes_steady_mean_pct` the mean,
///     since sparklines move on every third second and the other two cost less);
///   - `frame_bytes_steady_{moves,styles,erases,shifts,scrolls,text}`: what the steady bytes
///     are, per frame on average (shifts: the DCH that moves a row's sparkline on by a sample;
///     scrolls: the scroll regions that move table rows up or down after a process left or
///     entered), and `frame_bytes_live_scrolls` for the live frames;
///   - `recent_backlogs_absorb_ms`: `RecentFleet.absorb` of one cycle of the 1,000 nodes'
///     20,000 process series, with two minutes already held (median over the window's cycles;
///     polling and parsing are not timed): what `backlog watch` spends each second to keep them.
/// - The worst case (`SyntheticDashboardFleet`): every value of every node and process redrawn
///   at random each cycle, more churn than a real fleet shows at a 1 s poll.
///   - `frame_bytes_all_values_change_pct` and `frame_render_all_values_change_ms`;
///   - `frame_bytes_numbers_only_pct`: the same with histories unchanged, so only figures move;
///   - `frame_render_sorted_by_queue_ms`: render time with processes sorted by queue, not rank.
enum RenderBenchmark {
    static let width = 200
    static let height = 60
    static let syntheticFrames = 300
    static let simulatedNodes = 1000
    /// Each node runs 20 processes, so its exporter (top 20 by default) exports every one of
    /// them: 20,000 live process series. With the scenario's usual 5,000 processes the top 20
    /// change from second to second, and series come and go (stale the poll they are missing).
    static let processesPerNode = 20
    /// Seconds 20–139 of the second scenario cycle: `chat_router`'s mailbox grows throughout.
    static let window = 200..<320
    /// Polls before the window: the agent's two minutes of recent figures, full.
    static let warmUpSeconds = 120

    static func run() -> [BenchmarkResult] {
        let simulated = measureSimulatedFleet()
        let absorb = measureAbsorb()
        let uniform = measureSynthetic(state: DashboardState(), numbersOnly: false)
        let numbers = measureSynthetic(state: DashboardState(), numbersOnly: true)
        let sorted = measureSynthetic(state: DashboardState(sort: .queue), numbersOnly: false)
        let (live, steady) = simulated
        let frames = Double(steady.frameCount)
        let breakdown = steady.breakdown
        return [
            BenchmarkResult(name: "frame_render_ms", value: FrameFigures.rounded(FrameFigures.median(live.milliseconds)), unit: "ms"),
            BenchmarkResult(name: "frame_bytes_steady_pct", value: FrameFigures.rounded(FrameFigures.median(steady.shares)), unit: "%"),
            BenchmarkResult(name: "frame_bytes_steady_p90_pct", value: FrameFigures.rounded(FrameFigures.quantile(steady.shares, 0.9)), unit: "%"),
            BenchmarkResult(name: "frame_bytes_steady_mean_pct", value: FrameFigures.rounded(FrameFigures.mean(steady.shares)), unit: "%"),
            BenchmarkResult(name: "frame_bytes_full_redraw", value: FrameFigures.median(steady.fullBytes), unit: "bytes"),
            BenchmarkResult(name: "frame_bytes_steady", value: FrameFigures.median(steady.bytes), unit: "bytes"),
            BenchmarkResult(name: "frame_bytes_steady_moves", value: (Double(breakdown.moves) / frames).rounded(), unit: "bytes"),
            BenchmarkResult(name: "frame_bytes_steady_styles", value: (Double(breakdown.styles) / frames).rounded(), unit: "bytes"),
            BenchmarkResult(name: "frame_bytes_steady_erases", value: (Double(breakdown.erases) / frames).rounded(), unit: "bytes"),
            BenchmarkResult(name: "frame_bytes_steady_shifts", value: (Double(breakdown.shifts) / frames).rounded(), unit: "bytes"),
            BenchmarkResult(name: "frame_bytes_steady_scrolls", value: (Double(breakdown.scrolls) / frames).rounded(), unit: "bytes"),
            BenchmarkResult(name: "frame_bytes_steady_text", value: (Double(breakdown.text) / frames).rounded(), unit: "bytes"),
            BenchmarkResult(name: "frame_bytes_live_pct", value: FrameFigures.rounded(FrameFigures.median(live.shares)), unit: "%"),
            BenchmarkResult(name: "frame_bytes_live_p90_pct", value: FrameFigures.rounded(FrameFigures.quantile(live.shares, 0.9)), unit: "%"),
            BenchmarkResult(name: "frame_bytes_live", value: FrameFigures.median(live.bytes), unit: "bytes"),
            BenchmarkResult(name: "frame_bytes_live_scrolls", value: (Double(live.breakdown.scrolls) / frames).rounded(), unit: "bytes"),
            BenchmarkResult(name: "recent_backlogs_absorb_ms", value: FrameFigures.rounded(FrameFigures.median(absorb)), unit: "ms"),
            BenchmarkResult(name: "frame_render_all_values_change_ms", value: FrameFigures.rounded(FrameFigures.median(uniform.milliseconds)), unit: "ms"),
            BenchmarkResult(name: "frame_bytes_all_values_change_pct", value: FrameFigures.rounded(FrameFigures.median(uniform.shares)), unit: "%"),
            BenchmarkResult(name: "frame_bytes_numbers_only_pct", value: FrameFigures.rounded(FrameFigures.median(numbers.shares)), unit: "%"),
            BenchmarkResult(name: "frame_render_sorted_by_queue_ms", value: FrameFigures.rounded(FrameFigures.median(sorted.milliseconds)), unit: "ms"),
        ]
    }

    /// The window's frames of the simulated fleet, each diffed against the second before: as
    /// ranked (timed), and with the previous second's rows held in place (see the type's notes).
    static func measureSimulatedFleet() -> (live: FrameFigures, steady: FrameFigures) {
        let state = DashboardState()
        var fleet = SimulatedDashboardFleet(nodes: simulatedNodes, processesPerNode: processesPerNode)
        fleet.poll(seconds: (window.lowerBound - 1 - warmUpSeconds)..<window.lowerBound)
        var previous = fleet.model
        var renderer = FrameRenderer(colorMode: .color)
        _ = renderer.render(DashboardScreen(model: previous, state: state).render(width: width, height: height))
        var live = FrameFigures()
        var steady = FrameFigures()
        for second in window {
            fleet.poll(second: second)
            let model = fleet.model
            let shown = renderer.screen
            live.append(timedFrameOf: model, state: state, renderer: &renderer)
            let held = DashboardScreen(model: model.keepingProcessOrder(of: previous), state: state).render(width: width, height: height)
            steady.append(milliseconds: 0, sent: FrameRenderer(colorMode: .color).frame(from: shown, to: held), fullBytes: fullRedraw(held))
            previous = model
        }
        return (live, steady)
    }

    /// What the renderer sends to redraw `buffer` on a cleared screen: the baseline of every share.
    static func fullRedraw(_ buffer: Buffer) -> Int {
        FrameRenderer(colorMode: .color).frame(from: nil, to: buffer).count
    }

    /// Milliseconds `RecentFleet.absorb` takes for each cycle of the window, after the warm-up.
    static func measureAbsorb() -> [Double] {
        var fleet = SimulatedDashboardFleet(nodes: simulatedNodes, processesPerNode: processesPerNode)
        fleet.poll(seconds: (window.lowerBound - warmUpSeconds)..<window.lowerBound)
        var milliseconds: [Double] = []
        for second in window {
            let cycle = fleet.cycle(second: second)
            let start = MonotonicClock.nanoseconds()
            fleet.absorb(cycle, second: second)
            milliseconds.append(Double(MonotonicClock.nanoseconds() - start) / 1e6)
            // Freeing the parsed scrape is the poller's cost, not absorb's.
            withExtendedLifetime(cycle) {}
        }
        return milliseconds
    }

    private static func measureSynthetic(state: DashboardState, numbersOnly: Bool) -> FrameFigures {
        var fleet = SyntheticDashboardFleet(nodes: 1000, processes: 20_000)
        var first = true
        return measure(state: state, frames: syntheticFrames) {
            if !first { fleet.advance(numbersOnly: numbersOnly) }
            first = false
            return fleet.model
        }
    }

    /// Draws the first model as the screen to start from, then `frames` more, timing compose and
    /// diff of each (`next` itself is not timed).
    private static func measure(state: DashboardState, frames: Int, next: () -> DashboardModel) -> FrameFigures {
        var renderer = FrameRenderer(colorMode: .color)
        _ = renderer.render(DashboardScreen(model: next(), state: state).render(width: width, height: height))
        var figures = FrameFigures()
        for _ in 0..<frames { figures.append(timedFrameOf: next(), state: state, renderer: &renderer) }
        return figures
    }
}
