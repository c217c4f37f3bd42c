/// The per-frame work of `FrameRenderer`: moves the blocks of rows that mostly moved up or down
/// (see `findMoves`), shifts the rows whose cells mostly moved left (see `findShifts`), finds the runs of cells that still differ, then sends them in the order that
/// keeps cursor moves and style switches short, tracking where the terminal's cursor is and
/// which style it draws with.
///
/// Moves and shifts go first, since they move cells already on screen. After them order does not matter
/// to the result, since whatever is written or erased is the cell's final content (a rewritten
/// gap included), so the writer is free to pick the next run
/// greedily: of the runs a few rows around the cursor, the one reached with the fewest bytes of
/// moving and restyling.
/// That sends the same-colored fields of neighbouring rows (sparklines, a column of figures)
/// one after another instead of switching colors back and forth along every row.
struct DiffWriter {
    let colorMode: ColorMode
    let width: Int
    /// The terminal's cursor, or nil when it is not known (frame start, or after the last column,
    /// where terminals differ in whether the cursor has wrapped yet).
    var cursor: Position?
    /// The style the terminal draws with now.
    var style: Style { styles.styles[styleIndex] }
    /// The styles of this frame's runs, which refer to them by number.
    var styles = StyleTable()
    private var styleIndex = 0

    /// Rows above and below the cursor searched for the next run: far enough to follow a column
    /// of fields down a table, near enough to keep the search cheap.
    static let searchRows = 4
    /// Runs weighed for each pick at most, so a frame of many tiny runs stays linear.
    static let candidateLimit = 48

    init(colorMode: ColorMode, width: Int) {
        self.colorMode = colorMode
        self.width = width
    }

    /// Sends what brings a screen showing `old` to `new`: first any row moves (scrolled regions),
    /// then any row shifts (DCH), then the runs of cells that still differ from what the moved and
    /// shifted screen shows.
    mutating func writeChanges(
        old: UnsafeBufferPointer<Cell>, new: UnsafeBufferPointer<Cell>, height: Int, moving: Bool = true, shifting: Bool = true,
        into out: inout [UInt8]
    ) {
        let moves = moving ? findMoves(old: old, new: new, height: height) : []
        guard !moves.isEmpty else {
            writeCells(old: old, new: new, height: height, shifting: shifting, into: &out)
            return
        }
        writeMoves(moves, into: &out)
        let moved = movedScreen(old, moves: moves)
        defer {
            moved.deinitialize()
            moved.deallocate()
        }
        writeCells(old: UnsafeBufferPointer(moved), new: new, height: height, shifting: shifting, into: &out)
    }

    /// Sends what brings a screen showing `old` (rows moved already) to `new`: row shifts, then runs.
    private mutating func writeCells(
        old: UnsafeBufferPointer<Cell>, new: UnsafeBufferPointer<Cell>, height: Int, shifting: Bool, into out: inout [UInt8]
    ) {
        var runs = collectRuns(old: old, new: new, height: height)
        if shifting {
            let shifts = findShifts(runs: runs, old: old, new: new)
            if !shifts.isEmpty {
                writeShifts(shifts, into: &out)
                runs = rerunShiftedRows(shifts, runs: runs, old: old, new: new)
            }
        }
        writeRuns(runs, new: new, height: height, into: &out)
    }

    /// Sends `runs`, the cells that differ between what the screen shows and `new`.
    private mutating func writeRuns(_ runs: [ChangeRun], new: UnsafeBufferPointer<Cell>, height: Int, into out: inout [UInt8]) {
        guard !runs.isEmpty else { return }
        var rowStarts = Array(repeating: 0, count: height + 1)
        for run in runs { rowStarts[run.y + 1] += 1 }
        for y in 0..<height { rowStarts[y + 1] += rowStarts[y] }
        var done = Array(repeating: false, count: runs.count)
        var firstUndone = 0
        for _ in 0..<runs.count {
            while done[firstUndone] { firstUndone += 1 }
            var next = firstUndone
            if let cursor {
                next = nearest(to: cursor, runs: runs, rowStarts: rowStarts, done: done, cells: new) ?? firstUndone
            }
            done[next] = true
            write(runs[next], row: new.baseAddress! + runs[next].y * width, into: &out)
        }
    }

    /// The undone run reached most cheaply from `cursor`, rows nearest the cursor first (so ties
    /// go to the nearer row, then to the leftmost run); nil when none is within reach.
    private mutating func nearest(
        to cursor: Position, runs: [ChangeRun], rowStarts: [Int], done: [Bool], cells: UnsafeBufferPointer<Cell>
    ) -> Int? {
        let height = rowStarts.count - 1
        var best: Int?
        var bestCost = Int.max
        var weighed = 0
        for distance in 0...(2 * Self.searchRows) {
            // 0, +1, -1, +2, -2, …: below first, since the frame is mostly swept downwards.
            let offset = distance % 2 == 1 ? (distance + 1) / 2 : -(distance / 2)
            let y = cursor.y + offset
            // No run in a row this far can beat the best: every move to it costs at least this.
            guard y >= 0, y < height, Self.leastVerticalCost(offset) < bestCost else { continue }
            let row = cells.baseAddress! + y * width
            for index in rowStarts[y]..<rowStarts[y + 1] where !done[index] {
                let run = runs[index]
                let cost = approach(Position(x: run.start, y: y), row: row).cost
                    + styles.transitionLength(from: styleIndex, to: run.style)
                if cost < bestCost {
                    bestCost = cost
                    best = index
                    if cost == 0 { return best }
                }
                weighed += 1
                if weighed >= Self.candidateLimit { return best }
            }
        }
        return best
    }

    /// The fewest bytes any move `rows` down (negative: up) can take.
    private static func leastVerticalCost(_ rows: Int) -> Int {
        if rows == 0 { return 0 }
        return rows > 0 ? min(rows, ControlSequence.cursorVerticalLength(rows)) : ControlSequence.cursorVerticalLength(-rows)
    }

    /// Sends one run: moves there, switches style, then writes or erases.
    private mutating func write(_ run: ChangeRun, row: UnsafePointer<Cell>, into out: inout [UInt8]) {
        let way = approach(Position(x: run.start, y: run.y), row: row)
        if way.rewrite, let cursor {
            for column in cursor.x..<run.start { appendCharacter(row[column], to: &out) }
        } else {
            way.motion.append(to: &out)
        }
        StyleTransition.append(from: style, to: styles.styles[run.style], to: &out)
        styleIndex = run.style
        switch run.kind {
        case .text:
            for column in run.start..<run.end where !row[column].isWideContinuation {
                appendCharacter(row[column], to: &out)
            }
        case .eraseLine:
            out.append(contentsOf: ControlSequence.eraseToEndOfLine)
        case .eraseCharacters:
            ControlSequence.appendEraseCharacters(run.end - run.start, to: &out)
        }
        cursor = run.cursorAfter(width: width)
    }

    /// The cheapest way to `target` from the cursor: a move, or on the same row rewriting the
    /// cells in between when they are narrow, drawn in the current style, and fewer bytes.
    private func approach(_ target: Position, row: UnsafePointer<Cell>) -> (motion: CursorMotion, rewrite: Bool, cost: Int) {
        let motion = CursorMotion.cheapest(from: cursor, to: target)
        guard let cursor, cursor.y == target.y, cursor.x < target.x else { return (motion, false, motion.cost) }
        var bytes = 0
        for column in cursor.x..<target.x {
            let cell = row[column]
            guard !cell.isWideContinuation, DisplayWidth.of(cell.character) == 1, colorMode.effective(cell.style) == style
            else { return (motion, false, motion.cost) }
            bytes += Self.byteLength(cell.character)
            if bytes >= motion.cost { return (motion, false, motion.cost) }
        }
        return (motion, true, bytes)
    }

    private func appendCharacter(_ cell: Cell, to out: inout [UInt8]) {
        if Self.isControl(cell.character) {
            out.append(0x20)
        } else {
            out.append(contentsOf: cell.character.utf8)
        }
    }

    /// Bytes a cell's character takes on the wire (a control character goes out as a space).
    static func byteLength(_ character: Character) -> Int {
        character.asciiValue == nil ? character.utf8.count : 1
    }

    static func isControl(_ character: Character) -> Bool {
        character.asciiValue.map { $0 < 0x20 || $0 == 0x7F } == true
    }
}
