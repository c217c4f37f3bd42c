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

/// Changed cells next to each other in one row that the diff writer sends as a unit: text in
/// one style, or an erase when every cell in it turns blank.
struct ChangeRun {
    enum Kind {
        /// The cells' characters, in `style`.
        case text
        /// EL: the run reaches a row end that is blank from `start` on.
        case eraseLine
        /// ECH over `start..<end`, shorter than writing the spaces.
        case eraseCharacters
    }

    let y: Int
    let start: Int
    /// The column after the run.
    let end: Int
    /// Index into the writer's style table: the style drawn (plain for erases, which blank in
    /// the current background and so must be sent in the default style).
    let style: Int
    let kind: Kind

    /// Where the cursor is after the run: erases leave it in place, and after the last column
    /// it is not known (terminals differ in whether it has wrapped).
    func cursorAfter(width: Int) -> Position? {
        switch kind {
        case .eraseLine, .eraseCharacters: Position(x: start, y: y)
        case .text: end >= width ? nil : Position(x: end, y: y)
        }
    }
}
