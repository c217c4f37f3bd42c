/// Decodes in-memory windows of many series for one selection: into scratch arrays reused from
/// series to series, handed out as exactly sized copies, with equal times arrays shared.
///
/// Series scraped together have the same sample times, so a selection of a hundred thousand
/// series holds a handful of distinct times arrays: one allocation fewer per series, and the
/// engine's window bounds (`WindowBounds`) are searched once per array instead of per series.
struct WindowDecoder {
    /// A decoded times array's shape: a cheap first test before comparing every element.
    private struct Shape: Hashable {
        var count: Int
        var first: Int64
        var last: Int64
    }

    private let path: String
    private var timestamps: [Int64] = []
    private var values: [Double] = []
    private var shared: [Shape: [Int64]] = [:]

    /// Where a slot's head lies in it, computed once rather than per series.
    private static let headOffset = MemoryLayout<SeriesSlot>.offset(of: \SeriesSlot.head)!

    init(path: String) { self.path = path }

    /// The slot's samples in `from...through` from its in-memory chunks and head, or nil when
    /// it has none there.
    ///
    /// The slot is read through a pointer: a slot passed by value, even borrowed, is copied
    /// (labels, head and chunks retained and released, the struct moved) for every series.
    mutating func decode(_ slot: UnsafePointer<SeriesSlot>, from: Int64, through: Int64) throws(SQLiteError) -> SeriesData? {
        timestamps.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        for chunk in slot.pointee.recent where chunk.maxTimestamp >= from && chunk.minTimestamp <= through {
            guard ChunkDecoder.decode(chunk.bytes, from: from, through: through, timestamps: &timestamps, values: &values)
            else { throw SQLiteError.corrupt(path, "an in-memory chunk of series \(slot.pointee.id) does not decode") }
        }
        let head = UnsafeRawPointer(slot).advanced(by: Self.headOffset).assumingMemoryBound(to: ChunkEncoder.self)
        if head.pointee.count > 0, head.pointee.lastTimestamp >= from, head.pointee.firstTimestamp <= through {
            guard ChunkEncoder.decode(head, from: from, through: through, timestamps: &timestamps, values: &values)
            else { throw SQLiteError.corrupt(path, "the head of series \(slot.pointee.id) does not decode") }
        }
        guard !timestamps.isEmpty else { return nil }
        guard Self.isIncreasing(timestamps) else {
            // Overlapping chunks (an import over live data): sorted the way the file's path sorts them.
            var data = SeriesData(labels: slot.pointee.labels, timestamps: timestamps, values: values)
            SeriesReader.sortIfNeeded(&data)
            return data
        }
        return SeriesData(labels: slot.pointee.labels, timestamps: sharedTimes(), values: values.withUnsafeBufferPointer { Array($0) })
    }

    /// An array equal to the scratch times: the one handed out before for equal times, else a
    /// copy, which later series with these times then share.
    private mutating func sharedTimes() -> [Int64] {
        let shape = Shape(count: timestamps.count, first: timestamps[0], last: timestamps[timestamps.count - 1])
        if let known = shared[shape], known == timestamps { return known }
        let copy = timestamps.withUnsafeBufferPointer { Array($0) }
        shared[shape] = copy
        return copy
    }

    private static func isIncreasing(_ times: [Int64]) -> Bool {
        times.withUnsafeBufferPointer { times in
            for index in times.indices.dropFirst() where times[index - 1] >= times[index] { return false }
            return true
        }
    }
}
