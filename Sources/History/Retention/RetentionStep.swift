internal import TimeSeries

/// What one bounded retention step deleted, applied to memory after its transaction commits.
struct RetentionStep {
    var deletedChunks = 0
    var deletedSamples = 0
    /// Slots of series that have no data left and were deleted with their postings.
    var droppedSlots: [Int] = []
    /// Label pairs no series uses any more.
    var droppedPairs: [Label] = []
    /// Slots whose chunk rows older than `cutoff` this step deleted: their in-memory chunks go too.
    var visitedSlots: [Int] = []
    var cutoff = Int64.min
    /// Where the next step starts.
    var nextCursor = 0
}
