extension RecentBacklogs {
    /// One kept series and what absorbing needs to know about it.
    struct Slot: Sendable {
        var series: BacklogSeries
        /// The target that gave it.
        var instance: String
        /// The cycle that last gave it a sample.
        var lastSeenCycle: Int
        /// False while its target is down: kept, but its last value is not current.
        var isCurrent = true
        /// True once removed, until a new series reuses the slot.
        var isFree = false

        /// A slot kept for `instance`'s series.
        func belongs(to instance: String) -> Bool { !isFree && self.instance == instance }

        /// Adds a sample newer than the last, in place.
        mutating func append(time: Int64, value: Double, node: String, instance: String, cycle: Int) {
            if series.node != node { series.node = node }
            if self.instance != instance { self.instance = instance }
            lastSeenCycle = cycle
            isCurrent = true
            guard series.timestamps.last.map({ $0 < time }) ?? true else { return }
            series.timestamps.append(time)
            series.values.append(value)
        }

        /// Drops the samples before `cutoff` but the last of them, in place; false when none is
        /// left at or after it.
        mutating func trim(before cutoff: Int64) -> Bool {
            guard let last = series.timestamps.last, last >= cutoff else { return false }
            // Usually one sample a cycle falls out; a scan from the front finds it at once.
            var keepFrom = 0
            while keepFrom + 1 < series.timestamps.count, series.timestamps[keepFrom + 1] < cutoff { keepFrom += 1 }
            if keepFrom > 0 {
                series.timestamps.removeFirst(keepFrom)
                series.values.removeFirst(keepFrom)
            }
            return true
        }
    }
}
