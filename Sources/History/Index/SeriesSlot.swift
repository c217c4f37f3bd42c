internal import TimeSeries

/// What the writer keeps in memory for one series: its identity, its open head chunk, its recently
/// cut chunks and its last sample.
struct SeriesSlot {
    var id: Int64
    var labels: Labels
    /// The open head chunk; empty when everything is in chunk rows.
    var head = ChunkEncoder()
    /// The tail cycle of the head's first sample: tail rows before the oldest such cycle can go.
    var headFirstCycle: Int64 = 0
    /// The newest timestamp stored for the series, or `Int64.min` when it has none.
    var lastTimestamp = Int64.min
    var lastValue = 0.0
    /// Whether any chunk row was written for the series; its first head is cut short to stagger cuts.
    var hasChunks = false
    /// Chunk rows cut from this series that are still inside the in-memory window, oldest first.
    var recent: [RecentChunk] = []
    /// Memory holds every stored sample of the series newer than this; older ones may be only in
    /// the file (written before the store was opened, imported, or dropped from the window).
    var memoryAfter = Int64.min
    /// False for a slot on the free list.
    var inUse = true

    init(id: Int64, labels: Labels) {
        self.id = id
        self.labels = labels
    }
}

/// A chunk row the writer also keeps in memory while it lies in the in-memory window: the same
/// compressed bytes it wrote, so recent reads need no query.
struct RecentChunk {
    var minTimestamp: Int64
    var maxTimestamp: Int64
    var count: Int
    var bytes: [UInt8]
}
