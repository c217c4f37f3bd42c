/// A chunk row the writer also keeps in memory while it lies in the in-memory window: the same
/// compressed bytes it wrote, so recent reads need no query.
struct RecentChunk {
    var minTimestamp: Int64
    var maxTimestamp: Int64
    var count: Int
    var bytes: [UInt8]
}
