extension DiffWriter {
    /// Columns a row may shift by: a sparkline moves on by one sample a frame, a few when frames
    /// come late.
    static let maximumShift = 8
    /// Changed cells a row needs before a shift is weighed at all: figures changing alone never gain.
    static let minimumShiftedCells = 3
    /// Bytes reckoned for reaching a run of changes (or a shift's column): a short relative move.
    static let reckonedMoveCost = 4

    /// For each row, the shift (if any) that leaves the fewest bytes to send: the rows whose
    /// changes are mostly the old cells moved left, like a sparkline that moved on by a sample.
    ///
    /// A row's cost is reckoned as the bytes of its changed characters plus a move per run of
    /// them; a shift is taken when the row after it, plus the move and the DCH, costs less. It
    /// moves everything right of `start` too, so whatever it damages there (an alert after the
    /// sparkline, a border) counts against it and is redrawn. No shift starts on, or moves, half
    /// of a wide character: terminals differ in what they do with the other half.
    func findShifts(old: UnsafeBufferPointer<Cell>, new: UnsafeBufferPointer<Cell>, height: Int) -> [RowShift] {
        guard width > 1 else { return [] }
        var shifts: [RowShift] = []
        for y in 0..<height {
            let offset = y * width
            if let shift = rowShift(y: y, old: old.baseAddress! + offset, new: new.baseAddress! + offset) {
                shifts.append(shift)
            }
        }
        return shifts
    }

    /// Moves to each shift's row and column and sends DCH. Shifts go first in a frame, while the
    /// terminal draws in the default style, so the blanks DCH brings in at the right are default ones.
    mutating func writeShifts(_ shifts: [RowShift], into out: inout [UInt8]) {
        for shift in shifts {
            let target = Position(x: shift.start, y: shift.y)
            CursorMotion.cheapest(from: cursor, to: target).append(to: &out)
            ControlSequence.appendDeleteCharacters(shift.count, to: &out)
            cursor = target
        }
    }

    private func rowShift(y: Int, old: UnsafePointer<Cell>, new: UnsafePointer<Cell>) -> RowShift? {
        var changed: [Int] = []
        for x in 0..<width where !new[x].isWideContinuation && !same(old[x], new[x]) { changed.append(x) }
        guard changed.count >= Self.minimumShiftedCells, let first = changed.first, first + 1 < width else { return nil }
        // The shift by which most of the changed bytes would already be on screen.
        var best = (count: 0, saved: 0)
        for count in 1...min(Self.maximumShift, width - 1 - first) {
            var saved = 0
            for x in changed where same(shiftedCell(old, x, by: count), new[x]) {
                saved += Self.byteLength(new[x].character)
            }
            if saved > best.saved { best = (count, saved) }
        }
        let overhead = ControlSequence.deleteCharactersLength(best.count) + Self.reckonedMoveCost
        guard best.count > 0, best.saved > overhead else { return nil }
        return cheapestStart(old: old, new: new, first: first, last: changed.last!, count: best.count, overhead: overhead)
            .map { RowShift(y: y, start: $0, count: best.count) }
    }

    /// The column from which shifting by `count` leaves the row cheapest, when that beats not
    /// shifting by more than `overhead`; only columns `first...last` (the changed span) can gain.
    private func cheapestStart(
        old: UnsafePointer<Cell>, new: UnsafePointer<Cell>, first: Int, last: Int, count: Int, overhead: Int
    ) -> Int? {
        let span = width - first
        // Changed as the row stands, and changed after the shift; a wide character's right half
        // goes with its left, so runs are not cut at it.
        var plain = [Bool](repeating: false, count: span)
        var shifted = [Bool](repeating: false, count: span)
        var bytes = [Int](repeating: 0, count: span)
        for index in 0..<span {
            let x = first + index
            if new[x].isWideContinuation {
                plain[index] = index > 0 && plain[index - 1]
                shifted[index] = index > 0 && shifted[index - 1]
                continue
            }
            bytes[index] = Self.byteLength(new[x].character)
            plain[index] = !same(old[x], new[x])
            shifted[index] = !same(shiftedCell(old, x, by: count), new[x])
        }
        // What sending the shifted cells from `index` to the row's end costs.
        var suffix = [Int](repeating: 0, count: span + 1)
        for index in stride(from: span - 1, through: 0, by: -1) where shifted[index] {
            let startsRun = index == 0 || !shifted[index - 1]
            suffix[index] = bytes[index] + (startsRun ? Self.reckonedMoveCost : 0)
        }
        for index in stride(from: span - 1, through: 0, by: -1) { suffix[index] += suffix[index + 1] }
        var prefix = 0
        var best: (start: Int, cost: Int)?
        for index in 0...(last - first) {
            let x = first + index
            if !old[x].isWideContinuation, x + count < width, !old[x + count].isWideContinuation {
                // A run of shifted changes that goes on from before `x` starts anew at `x`.
                let split = index > 0 && shifted[index] && shifted[index - 1] ? Self.reckonedMoveCost : 0
                let cost = prefix + suffix[index] + split
                if cost < best?.cost ?? .max { best = (x, cost) }
            }
            if plain[index] { prefix += bytes[index] + (index == 0 || !plain[index - 1] ? Self.reckonedMoveCost : 0) }
        }
        // Nothing changes after `last`, so `prefix` is now the cost of not shifting.
        guard let best, best.cost + overhead < prefix else { return nil }
        return best.start
    }

    /// The cell the terminal shows at `x` after the row's cells from `x` on moved left by `count`.
    private func shiftedCell(_ old: UnsafePointer<Cell>, _ x: Int, by count: Int) -> Cell {
        x + count < width ? old[x + count] : .blank
    }
}
