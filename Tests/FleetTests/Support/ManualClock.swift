import Fleet
import Synchronization
import TimeSeries

/// A clock the test moves by hand, so scenario moments arrive without sleeping.
final class ManualClock: Sendable {
    let epoch: Timestamp
    private let current: Mutex<Timestamp>

    init(epoch: Timestamp = Timestamp(milliseconds: 1_700_000_000_000), secondsAfterEpoch: Int = 0) {
        self.epoch = epoch
        current = Mutex(Timestamp(milliseconds: epoch.milliseconds + Int64(secondsAfterEpoch) * 1000))
    }

    /// Moves to a moment half a second into the given simulated second.
    func set(secondsAfterEpoch seconds: Int) {
        current.withLock { $0 = Timestamp(milliseconds: epoch.milliseconds + Int64(seconds) * 1000 + 500) }
    }

    var fleetClock: FleetClock {
        FleetClock { self.current.withLock { $0 } }
    }
}
