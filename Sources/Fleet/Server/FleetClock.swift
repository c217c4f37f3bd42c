public import TimeSeries

/// Where a fleet server reads the time and its scanner waits for the next simulated second;
/// tests pass a manual `LoopClock` they move by hand instead of sleeping.
public struct FleetClock: Sendable {
    private let clock: any LoopClock

    public init(_ clock: any LoopClock) { self.clock = clock }

    public func now() -> Timestamp { clock.now() }

    /// Blocks until `deadline` or until `alarm` is signalled.
    func wait(until deadline: Timestamp, or alarm: LoopAlarm) { clock.wait(until: deadline, or: alarm) }

    /// The wall clock.
    public static let system = FleetClock(SystemLoopClock())
}
