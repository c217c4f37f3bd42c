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
