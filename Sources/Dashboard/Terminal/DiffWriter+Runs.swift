extension DiffWriter {
    /// The runs of changed cells, row by row: each is cut where a cell is unchanged or drawn in
    /// another style. A run that only blanks cells becomes an erase when that is shorter: EL when
    /// the row is blank from its start to the end, ECH otherwise.
    mutating func collectRuns(old: UnsafeBufferPointer<Cell>, new: UnsafeBufferPointer<Cell>, height: Int) -> [ChangeRun] {
        var runs: [ChangeRun] = []
        for y in 0..<height {
            appendRuns(y: y, old: old.baseAddress! + y * width, new: new.baseAddress! + y * width, to: &runs)
        }
        return runs
    }

    /// Appends the runs of row `y`, given the row as the screen shows it and as it should be.
    mutating func appendRuns(y: Int, old: UnsafePointer<Cell>, new: UnsafePointer<Cell>, to runs: inout [ChangeRun]) {
        var x = 0
        while x < width {
            let first = new[x]
            if first.isWideContinuation || same(old[x], first) {
                x += 1
                continue
            }
            let drawn = colorMode.effective(first.style)
            let start = x
            var blank = drawn == .plain
            while x < width {
                let cell = new[x]
                if cell.isWideContinuation || same(old[x], cell) || colorMode.effective(cell.style) != drawn { break }
                blank = blank && cell.character == " "
                x += DisplayWidth.of(cell.character) == 2 ? 2 : 1
            }
            let style = styles.index(of: drawn)
            guard blank else {
                runs.append(ChangeRun(y: y, start: start, end: x, style: style, kind: .text))
                continue
            }
            let erase = eraseRun(y: y, start: start, end: x, row: (old, new))
            runs.append(erase ?? ChangeRun(y: y, start: start, end: x, style: style, kind: .text))
            if erase?.kind == .eraseLine { x = width }
        }
    }

    /// An erase for the blank run `start..<end`, or nil when writing the spaces is as short.
    /// EL also covers any later changes in the row, which are then blanks too.
    private func eraseRun(y: Int, start: Int, end: Int, row: (old: UnsafePointer<Cell>, new: UnsafePointer<Cell>)) -> ChangeRun? {
        var restIsBlank = true
        var changesAfter = false
        for x in end..<width {
            let cell = row.new[x]
            guard !cell.isWideContinuation, cell.character == " ", colorMode.effective(cell.style) == .plain else {
                restIsBlank = false
                break
            }
            changesAfter = changesAfter || !same(row.old[x], cell)
        }
        if restIsBlank, changesAfter || ControlSequence.eraseToEndOfLine.count < end - start {
            return ChangeRun(y: y, start: start, end: width, style: 0, kind: .eraseLine)
        }
        guard ControlSequence.eraseCharactersLength(end - start) < end - start else { return nil }
        return ChangeRun(y: y, start: start, end: end, style: 0, kind: .eraseCharacters)
    }

    /// Equal as drawn: under `NO_COLOR` a color-only change is not a change.
    func same(_ lhs: Cell, _ rhs: Cell) -> Bool {
        if colorMode == .color { return lhs == rhs }
        return lhs.character == rhs.character && lhs.isWideContinuation == rhs.isWideContinuation
            && lhs.style.attributes == rhs.style.attributes
    }
}
