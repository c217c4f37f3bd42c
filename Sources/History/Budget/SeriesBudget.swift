/// The most series the store holds in memory, and the fair-share rule that decides whose new
/// series it refuses when a cycle would pass it.
///
/// A cycle's *new* series are the ones memory does not hold (never seen, or gone stale and left).
/// When they fit in the headroom (`maxSeries` minus the series in memory) all are taken. When they
/// do not, the room — the headroom, but never less than `reserve` so steady targets keep their
/// few new series even at the budget — is shared out among the targets adding series, smallest
/// adder first: each in turn may take up to what is left divided by the targets not yet served.
/// The first target that wants more than that share is refused every new series of the cycle, and
/// so is every target adding as many or more. Its existing series keep being stored.
public struct SeriesBudget: Sendable, Equatable {
    /// Series in memory the budget allows; 0 turns the budget off.
    public var maxSeries: Int

    /// The default budget; see docs/limits.md for the memory it implies.
    public static let defaultMaxSeries = 500_000
    /// Memory one series in memory takes, measured with a memory window's worth of samples of a
    /// pid-labelled queue series (docs/limits.md): what `--check-config` multiplies the budget by.
    public static let bytesPerSeries = 3_700

    public init(maxSeries: Int) { self.maxSeries = max(0, maxSeries) }

    public var isEnabled: Bool { maxSeries > 0 }

    /// New series a cycle may add even with no headroom left: 1% of the budget, at least 100.
    public var reserve: Int { max(100, maxSeries / 100) }

    /// The sources (by position in `newSeries`) refused this cycle, given how many new series each
    /// adds and how many series memory already holds.
    public func refused(newSeries: [Int], live: Int) -> Set<Int> {
        guard isEnabled else { return [] }
        let headroom = max(0, maxSeries - live)
        let wanted = newSeries.reduce(0, +)
        guard wanted > headroom else { return [] }
        var room = max(headroom, reserve)
        let adders = newSeries.indices.filter { newSeries[$0] > 0 }.sorted { newSeries[$0] < newSeries[$1] }
        var refused = Set<Int>()
        for (served, source) in adders.enumerated() {
            let share = room / (adders.count - served)
            if !refused.isEmpty || newSeries[source] > share {
                refused.insert(source)
                continue
            }
            room -= newSeries[source]
        }
        return refused
    }
}
