/// The instants an expression is evaluated at: `count` steps from `start`, `interval` apart.
struct StepGrid {
    let start: Int64
    let interval: Int64
    let count: Int

    init(start: Int64, end: Int64, interval: Int64) {
        self.start = start
        self.interval = interval
        count = end < start ? 0 : Int((end - start) / interval) + 1
    }

    /// A single instant.
    init(at time: Int64) { self.init(start: time, end: time, interval: 1) }

    func time(_ step: Int) -> Int64 { start + Int64(step) * interval }
}

/// The times a selector or subquery reads at, one per step: the step's time, or the time `@`
/// pins, moved back by the offset.
struct ReferenceTimes {
    let grid: StepGrid
    let pinned: Int64?
    let offset: Int64

    func time(_ step: Int) -> Int64 { (pinned ?? grid.time(step)) - offset }

    var earliest: Int64 { time(0) }
    var latest: Int64 { time(max(grid.count - 1, 0)) }
    /// Every step reads at the same time, so one computation serves them all.
    var isConstant: Bool { pinned != nil || grid.count == 1 }
}
