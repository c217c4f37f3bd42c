internal import TimeSeries

/// A selection's in-memory series, copied out of the writer's index, and what it read from the
/// file: decoded with no lock held, so a long read never holds up the next cycle's append.
struct DetachedSelection {
    let from: Int64
    let through: Int64
    let path: String
    /// Slots whose memory covers the range, in label order.
    var slots: [SeriesSlot] = []
    /// Series read from the file (older than memory, or gone from it), in label order.
    var fromFile: [SeriesData] = []

    init(from: Int64, through: Int64, path: String) {
        self.from = from
        self.through = through
        self.path = path
    }

    /// The selection: the same answer `WindowReader.select` gives while holding the writer.
    func decode() throws(SQLiteError) -> [SeriesData] {
        var found: [SeriesData] = []
        found.reserveCapacity(slots.count)
        var decoder = WindowDecoder(path: path)
        try slots.withUnsafeBufferPointer { (slots) throws(SQLiteError) in
            guard let base = slots.baseAddress else { return }
            for offset in slots.indices {
                if let data = try decoder.decode(base + offset, from: from, through: through) { found.append(data) }
            }
        }
        return WindowReader.merge(found, fromFile)
    }
}
