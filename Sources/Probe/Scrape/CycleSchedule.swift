public import TimeSeries

/// When poll cycles start: on a fixed grid of the interval, skipping ticks a slow cycle overran.
///
/// A value type driven by the times it is given, so tests need no clock.
public struct CycleSchedule: Sendable, Equatable {
    public var interval: PromDuration
    /// The start of the last cycle handed out.
    public private(set) var lastTick: Timestamp?
    /// Ticks that passed while a cycle was still running.
    public private(set) var missedTicks = 0

    public init(interval: PromDuration) {
        precondition(interval.milliseconds > 0, "interval must be positive")
        self.interval = interval
    }

    /// The start time of the next cycle at or after `now`, on the interval grid.
    public mutating func nextTick(now: Timestamp) -> Timestamp {
        let step = interval.milliseconds
        guard let last = lastTick else {
            let aligned = (now.milliseconds + step - 1) / step * step
            lastTick = Timestamp(milliseconds: aligned)
            return lastTick!
        }
        var next = last.milliseconds + step
        if next < now.milliseconds {
            let behind = (now.milliseconds - next + step - 1) / step
            missedTicks += Int(behind)
            next += behind * step
        }
        lastTick = Timestamp(milliseconds: next)
        return lastTick!
    }
}
