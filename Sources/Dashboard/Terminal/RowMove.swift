/// A block of whole rows sent as the previous frame's rows `offset` rows away: the region that
/// holds both is scrolled (DECSTBM, then SU or SD), so only what differs beyond the move is redrawn.
/// It is how a process table's rows follow one that left (up) or entered (down) above them.
struct RowMove: Equatable {
    /// The rows of the new frame that show moved rows.
    let rows: ClosedRange<Int>
    /// Where from: row `y` shows the previous frame's row `y + offset`. Positive moves rows up
    /// (SU), negative down (SD); never 0.
    let offset: Int

    /// The scroll region: the moved rows and the rows they came from.
    var region: ClosedRange<Int> {
        offset > 0 ? rows.lowerBound...(rows.upperBound + offset) : (rows.lowerBound + offset)...rows.upperBound
    }

    /// The rows the scroll leaves blank: at the region's bottom after SU, at its top after SD.
    var blanked: ClosedRange<Int> {
        offset > 0 ? (rows.upperBound + 1)...(rows.upperBound + offset) : (rows.lowerBound + offset)...(rows.lowerBound - 1)
    }

    /// Sends DECSTBM for the region, then SU or SD. The caller resets the region afterwards.
    func append(to out: inout [UInt8]) {
        ControlSequence.appendScrollRegion(top: region.lowerBound, bottom: region.upperBound, to: &out)
        ControlSequence.appendScroll(offset, to: &out)
    }

    /// Bytes the move takes, counting the region reset after it.
    var length: Int {
        ControlSequence.scrollRegionLength(top: region.lowerBound, bottom: region.upperBound)
            + ControlSequence.scrollLength(offset) + ControlSequence.resetScrollRegion.count
    }

    /// Applies the move to a copy of the previous frame's screen (row-major, `width` cells a row)
    /// as the terminal will: the rows move, and blanks in the default style (the style every frame
    /// starts in, when moves are sent) fill the rows left behind.
    func apply(to screen: UnsafeMutablePointer<Cell>, width: Int) {
        // Rows are read before they are overwritten: upwards moves copy top-down, downwards bottom-up.
        func copy(_ y: Int) { (screen + y * width).update(from: screen + (y + offset) * width, count: width) }
        if offset > 0 {
            for y in rows { copy(y) }
        } else {
            for y in rows.reversed() { copy(y) }
        }
        for y in blanked { (screen + y * width).update(repeating: .blank, count: width) }
    }
}

/// A row whose cells from `start` on are sent as the previous frame's cells moved left by
/// `count` columns (DCH at `start`), so only what is new, or damaged by the move, is redrawn.
struct RowShift: Equatable {
    let y: Int
    /// The first column moved: the cells `start ..< start + count` are deleted.
    let start: Int
    let count: Int

    /// Applies the shift to a copy of the previous frame's row as the terminal will: the cells
    /// after the deleted ones move left, and blanks in the default style (the style every frame
    /// starts in, when shifts are sent) fill the right end.
    func apply(to row: UnsafeMutablePointer<Cell>, width: Int) {
        for x in start..<(width - count) { row[x] = row[x + count] }
        for x in (width - count)..<width { row[x] = .blank }
    }
}

/// What the moves found so far in a frame do to each row, so that further moves leave them be:
/// a row a move fills is its alone, and one it reads from stays as it was until it has. A row
/// one move blanks may still be filled by another sent after it, which is how two neighbouring
/// blocks move by different amounts (see `DiffWriter.sendingOrder`).
struct RowClaims {
    /// Rows a move fills with a row of the previous frame.
    private(set) var filled: [Bool]
    /// Rows of the previous frame a move reads from.
    private(set) var read: [Bool]
    /// Rows a move blanks.
    private(set) var blanked: [Bool]
    /// Bytes reckoned for fixing each row as the screen will stand before the runs are sent (nil:
    /// not reckoned yet): a row a move blanks is drawn from blanks.
    var standingCost: [Int?]

    init(height: Int) {
        filled = Array(repeating: false, count: height)
        read = filled
        blanked = filled
        standingCost = Array(repeating: nil, count: height)
    }

    /// Whether a further move may fill row `y`: no other fills it. One that blanks it (having
    /// read it first, perhaps) is sent before.
    func canFill(_ y: Int) -> Bool {
        !filled[y]
    }

    /// Whether a further move may read row `y` of the previous frame: it is on screen and no
    /// move touches it.
    func canSource(_ y: Int, height: Int) -> Bool {
        y >= 0 && y < height && !filled[y] && !blanked[y]
    }

    /// Whether a further move may blank row `y`: no other blanks it or still has to read it. One
    /// that only fills it is sent after.
    func canBlank(_ y: Int) -> Bool {
        !blanked[y] && !read[y]
    }

    mutating func claim(_ move: RowMove) {
        for y in move.rows {
            filled[y] = true
            read[y + move.offset] = true
        }
        for y in move.blanked { blanked[y] = true }
    }
}
