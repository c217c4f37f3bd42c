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
