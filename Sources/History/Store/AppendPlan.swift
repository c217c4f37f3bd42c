internal import TimeSeries

/// What one cycle will change, worked out before anything is written.
///
/// A sample's `key` is its slot position, or `-(k + 1)` for the k-th series new in this cycle.
struct AppendPlan {
    struct PlannedSample {
        var key: Int
        var timestamp: Int64
        var value: Double
        /// The slot's head is written out before this sample starts a new one.
        var restartsHead = false
    }

    /// A chunk row to insert.
    struct PlannedChunk {
        var seriesID: Int64
        var minTimestamp: Int64
        var maxTimestamp: Int64
        var count: Int
        var bytes: [UInt8]

        init(seriesID: Int64, head: ChunkEncoder) {
            self.seriesID = seriesID
            minTimestamp = head.firstTimestamp
            maxTimestamp = head.lastTimestamp
            count = head.count
            bytes = head.encoded
        }
    }

    /// The head a series ends the cycle with when it was rebuilt sample by sample.
    struct RebuiltHead {
        var head: ChunkEncoder
        var firstCycle: Int64
        /// A chunk row was cut from the series in this cycle.
        var cut: Bool
    }

    var summary = AppendSummary()
    /// The cycle's time, in milliseconds: where the in-memory window ends.
    var now: Int64 = 0
    var accepted: [PlannedSample] = []
    var newSeries: [Labels] = []
    var firstNewSeriesID: Int64 = 0
    var newPairs: [(label: Label, id: Int64)] = []
    var newPairIDs: [Label: Int64] = [:]
    /// Slots with more than one accepted sample in this cycle.
    var multiSample: Set<Int> = []
    var chunks: [PlannedChunk] = []
    /// Slots whose head is written out and left empty (idle, or holding the oldest tail cycle).
    var closedHeads: [Int] = []
    var rebuiltHeads: [Int: RebuiltHead] = [:]
    var tailEntries: [TailBlock.Entry] = []
    /// Tail rows below this cycle can be deleted in this transaction.
    var deleteTailBelow: Int64?
    var retention: RetentionStep?

    func seriesID(for key: Int, in index: SeriesIndex) -> Int64 {
        key >= 0 ? index.slots[key].id : firstNewSeriesID + Int64(-key - 1)
    }
}
