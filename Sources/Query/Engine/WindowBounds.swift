/// Where each step's window `(t - range, t]` starts and ends in a series' sample times.
///
/// Series scraped together share one array of times (a store hands them out that way), so
/// the bounds are searched once per array rather than once per series: a range function over
/// a million series of one scrape does two binary searches, not two million.
struct WindowBounds {
    private let times: ReferenceTimes
    private let range: Int64
    private var sharedTimes: UnsafePointer<Int64>?
    private var sharedCount = -1
    /// Per step, the positions of the samples in its window, for the times last looked at.
    private(set) var positions: [Range<Int>]

    init(times: ReferenceTimes, range: Int64) {
        self.times = times
        self.range = range
        positions = Array(repeating: 0..<0, count: times.grid.count)
    }

    /// Brings `positions` up to date for a series' times; a no-op when they are the array the
    /// previous series had, which it returns true for.
    @discardableResult
    mutating func update(for sampleTimes: UnsafeBufferPointer<Int64>) -> Bool {
        if let base = sampleTimes.baseAddress, base == sharedTimes, sampleTimes.count == sharedCount { return true }
        sharedTimes = sampleTimes.baseAddress
        sharedCount = sampleTimes.count
        for step in positions.indices {
            let end = times.time(step)
            let lower = sampleTimes.indexAfter(end - range)
            positions[step] = lower..<max(lower, sampleTimes.indexAfter(end))
        }
        return false
    }
}
