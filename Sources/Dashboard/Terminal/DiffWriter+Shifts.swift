extension DiffWriter {
    /// Columns a row may shift by: a sparkline moves on by one sample a frame, a few when frames
    /// come late.
    static let maximumShift = 8
    /// Changed cells a row needs before a shift is weighed at all: figures changing alone never gain.
    static let minimumShiftedCells = 3
    /// Changed cells of a row tried against every shift before the best is weighed in full.
    static let probedCells = 8
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
    func findShifts(runs: [ChangeRun], old: UnsafeBufferPointer<Cell>, new: UnsafeBufferPointer<Cell>) -> [RowShift] {
        guard width > 1 else { return [] }
        var shifts: [RowShift] = []
        // The changed columns of one row at a time, from its runs (which hold nothing else):
        // rows are not compared twice. EL runs are left out, being mostly unchanged blanks.
        var changed: [Int] = []
        changed.reserveCapacity(width)
        var index = 0
        while index < runs.count {
            let y = runs[index].y
            let row = new.baseAddress! + y * width
            changed.removeAll(keepingCapacity: true)
            while index < runs.count, runs[index].y == y {
                let run = runs[index]
                if run.kind != .eraseLine {
                    for x in run.start..<run.end where !row[x].isWideContinuation { changed.append(x) }
                }
                index += 1
            }
            if let shift = rowShift(y: y, old: old.baseAddress! + y * width, new: row, changed: changed) { shifts.append(shift) }
        }
        return shifts
    }

    /// `runs` with the rows of `shifts` worked out again against the screen as shifted.
    mutating func rerunShiftedRows(
        _ shifts: [RowShift], runs: [ChangeRun], old: UnsafeBufferPointer<Cell>, new: UnsafeBufferPointer<Cell>
    ) -> [ChangeRun] {
        var result: [ChangeRun] = []
        result.reserveCapacity(runs.count)
        let scratch = UnsafeMutablePointer<Cell>.allocate(capacity: width)
        scratch.initialize(repeating: .blank, count: width)
        defer { scratch.deinitialize(count: width); scratch.deallocate() }
        var index = 0
        for shift in shifts {
            while index < runs.count, runs[index].y < shift.y {
                result.append(runs[index])
                index += 1
            }
            while index < runs.count, runs[index].y == shift.y { index += 1 }
            scratch.update(from: old.baseAddress! + shift.y * width, count: width)
            shift.apply(to: scratch, width: width)
            appendRuns(y: shift.y, old: scratch, new: new.baseAddress! + shift.y * width, to: &result)
        }
        result.append(contentsOf: runs[index...])
        return result
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

    /// The shift for row `y`, whose changed columns are `changed`, in order.
    private func rowShift(y: Int, old: UnsafePointer<Cell>, new: UnsafePointer<Cell>, changed: [Int]) -> RowShift? {
        guard changed.count >= Self.minimumShiftedCells, let first = changed.first, first + 1 < width else { return nil }
        // The shift that would put the most of a few changed cells, spread over the row's
        // changes, on screen already. Probing a few keeps rows that merely changed (most of them)
        // cheap; spreading them finds a moved sparkline behind figures that changed too.
        let step = max(1, changed.count / Self.probedCells)
        let probe = stride(from: 0, to: changed.count, by: step).prefix(Self.probedCells).map { changed[$0] }
        var best = (count: 0, matches: 0)
        for count in 1...min(Self.maximumShift, width - 1 - first) {
            var matches = 0
            for x in probe where same(shiftedCell(old, x, by: count), new[x]) { matches += 1 }
            if matches > best.matches { best = (count, matches) }
        }
        guard best.count > 0, best.matches * 3 >= probe.count else { return nil }
        var saved = 0
        for x in changed where same(shiftedCell(old, x, by: best.count), new[x]) { saved += Self.byteLength(new[x].character) }
        let overhead = ControlSequence.deleteCharactersLength(best.count) + Self.reckonedMoveCost
        guard saved > overhead else { return nil }
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
