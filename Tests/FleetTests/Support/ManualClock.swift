import Fleet
import TestSupport
import TimeSeries

extension ManualClock {
    /// Moves to a moment half a second into the given simulated second (counted from `epoch`).
    func set(secondsAfterEpoch seconds: Int) {
        advance(to: Timestamp(milliseconds: epoch.milliseconds + Int64(seconds) * 1000 + 500))
    }

    /// The fleet reading this clock.
    var fleetClock: FleetClock { FleetClock(self) }
}
