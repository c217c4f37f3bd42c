public import TimeSeries

/// Where a fleet server reads the time; tests pass one they move by hand instead of sleeping.
public struct FleetClock: Sendable {
    private let read: @Sendable () -> Timestamp

    public init(_ read: @escaping @Sendable () -> Timestamp) { self.read = read }

    /// Reads the time from a loop clock (a test's manual clock).
    public init(_ clock: some LoopClock) { self.read = { clock.now() } }

    public func now() -> Timestamp { read() }

    /// The wall clock.
    public static let system = FleetClock { Timestamp.now() }
}
