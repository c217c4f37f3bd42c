extension DiffWriter {
    /// Stretches each row is cut into to estimate what moving it saves: rows are compared in full
    /// only inside a block that looks worth moving.
    static let estimatedSegments = 16

    /// Per offset (in `offsets` order) and row, the estimated bytes a move saves the row:
    /// stretches that differ as it stands less those that differ after the move, each reckoned
    /// at its width. And per row, those a scroll saves by blanking it (mostly a loss: it is
    /// drawn anew).
    ///
    /// A stretch is compared as one number standing for its cells, so one changed character (a
    /// name one digit apart) counts, while every cell is read only once however many offsets are
    /// weighed.
    func estimatedGains(
        old: UnsafeBufferPointer<Cell>, new: UnsafeBufferPointer<Cell>, height: Int, offsets: [Int]
    ) -> (moved: [Int], blanked: [Int], keys: SegmentKeys) {
        let segments = min(width, Self.estimatedSegments)
        let before = segmentKeys(old, height: height, segments: segments)
        let after = segmentKeys(new, height: height, segments: segments)
        let blankRow = [Cell](repeating: .blank, count: width)
        let blank = blankRow.withUnsafeBufferPointer { segmentKeys($0, height: 1, segments: segments) }
        func mismatches(_ y: Int, _ keys: [Int], _ source: Int) -> Int {
            var count = 0
            for index in 0..<segments where keys[source * segments + index] != after[y * segments + index] { count += 1 }
            return count
        }
        let scale = width / segments
        var gains = [Int](repeating: 0, count: offsets.count * height)
        var blanked = [Int](repeating: 0, count: height)
        for y in 0..<height {
            let standing = mismatches(y, before, y)
            blanked[y] = (standing - mismatches(y, blank, 0)) * scale
            for (index, offset) in offsets.enumerated() where y + offset >= 0 && y + offset < height {
                gains[index * height + y] = (standing - mismatches(y, before, y + offset)) * scale
            }
        }
        return (gains, blanked, SegmentKeys(segments: segments, old: before, new: after, blank: blank))
    }

    /// For each row of `cells`, a number per stretch standing for how its cells are drawn: equal
    /// stretches get equal numbers, and different ones almost never do, which is all an
    /// estimate needs.
    private func segmentKeys(_ cells: UnsafeBufferPointer<Cell>, height: Int, segments: Int) -> [Int] {
        var keys = [Int](repeating: 0, count: height * segments)
        for y in 0..<height {
            let row = cells.baseAddress! + y * width
            for segment in 0..<segments {
                var key = 0
                for x in (segment * width / segments)..<((segment + 1) * width / segments) {
                    key = key &* 1_000_003 &+ cellKey(row[x])
                }
                keys[y * segments + segment] = key
            }
        }
        return keys
    }

    private func cellKey(_ cell: Cell) -> Int {
        // A character short enough to be stored inline (nearly all are) has the same bits as any
        // equal one; a longer one is told apart by where it is stored, which only costs the
        // estimate a stretch that looks changed.
        var key = withUnsafeBytes(of: cell.character) { bytes in
            var key = cell.isWideContinuation ? 1 : 2
            var offset = 0
            while offset + 8 <= bytes.count {
                key = key &* 1_000_003 &+ Int(bitPattern: UInt(bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
                offset += 8
            }
            while offset < bytes.count {
                key = key &* 257 &+ Int(bytes[offset])
                offset += 1
            }
            return key
        }
        let style = colorMode.effective(cell.style)
        key = key &* 31 &+ Int(style.attributes.rawValue)
        return (key &* 16_777_619 &+ Self.colorKey(style.foreground)) &* 16_777_619 &+ Self.colorKey(style.background)
    }

    private static func colorKey(_ color: Color) -> Int {
        switch color {
        case .terminalDefault: 0
        case .ansi(let index): 1 + Int(index)
        case .indexed(let index): 17 + Int(index)
        case .rgb(let red, let green, let blue): 273 + (Int(red) << 16 | Int(green) << 8 | Int(blue))
        }
    }
}

/// The numbers `DiffWriter.estimatedGains` compares rows by, kept so that weighing a row in full
/// can pass over the stretches they show unchanged.
struct SegmentKeys {
    let segments: Int
    /// Row by row, `segments` numbers a row: the previous frame's, the new frame's, a blank row's.
    let old: [Int]
    let new: [Int]
    let blank: [Int]
}
