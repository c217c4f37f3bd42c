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
