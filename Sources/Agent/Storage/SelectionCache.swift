internal import Synchronization
import Query
import TimeSeries

/// Selections one `HistorySeriesReader` has read, handed out again while the store is unchanged,
/// so rules of one evaluation that read the same selector decode its series once.
///
/// A selection answers any later read of the same matchers whose window it covers (the
/// `SeriesReader` contract lets a reader hand over samples outside the asked window) and that
/// comes at the same store generation. What it keeps is bounded by `byteBudget`: a selection
/// that does not fit is handed out but not kept.
public final class SelectionCache: Sendable {
    /// One kept selection and the window and store generation it was read for.
    private struct Entry {
        var generation: UInt64
        var from: Int64
        var through: Int64
        var series: [StoredSeries]
        var bytes: Int
    }

    private struct State {
        var entries: [[LabelMatcher]: Entry] = [:]
        var bytes = 0
    }

    /// 256 MiB: a selection of a million series of 8 samples, about 200 MB, still fits.
    public static let defaultByteBudget = 256 << 20

    public let byteBudget: Int
    private let state = Mutex(State())

    public init(byteBudget: Int = SelectionCache.defaultByteBudget) { self.byteBudget = byteBudget }

    /// The kept selection of `matchers` covering `from...through`, read at `generation`.
    func series(matching matchers: [LabelMatcher], from: Int64, through: Int64, generation: UInt64) -> [StoredSeries]? {
        state.withLock { state in
            guard let entry = state.entries[matchers], entry.generation == generation, entry.from <= from, entry.through >= through
            else { return nil }
            return entry.series
        }
    }

    /// Keeps a selection read at `generation`, replacing the one kept for the same matchers,
    /// unless it does not fit in the budget. Selections of older generations are dropped first.
    func keep(_ series: [StoredSeries], matching matchers: [LabelMatcher], from: Int64, through: Int64, generation: UInt64) {
        let bytes = Self.estimatedBytes(series)
        state.withLock { state in
            if state.entries.values.contains(where: { $0.generation != generation }) {
                state.entries = state.entries.filter { $0.value.generation == generation }
                state.bytes = state.entries.values.reduce(0) { $0 + $1.bytes }
            }
            let replaced = state.entries[matchers]?.bytes ?? 0
            guard state.bytes - replaced + bytes <= byteBudget else { return }
            state.entries[matchers] = Entry(generation: generation, from: from, through: through, series: series, bytes: bytes)
            state.bytes += bytes - replaced
        }
    }

    /// Bytes kept alive by the selection: each series' object and values, and its times counted
    /// as if not shared (an upper bound); labels are the store's and not counted.
    static func estimatedBytes(_ series: [StoredSeries]) -> Int {
        var bytes = series.count * 8
        for stored in series { bytes += 96 + stored.values.count * 16 }
        return bytes
    }
}
