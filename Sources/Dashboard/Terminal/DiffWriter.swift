/// The per-frame work of `FrameRenderer`: walks the cells, tracking where the terminal's cursor
/// is and which style it draws with, so that moves and style changes are sent only when needed.
struct DiffWriter {
    let colorMode: ColorMode
    let width: Int
    /// The terminal's cursor, or nil when it is not known (frame start, or after the last column,
    /// where terminals differ in whether the cursor has wrapped yet).
    private(set) var cursor: Position?
    /// The style the terminal draws with now.
    private(set) var style = Style.plain

    init(colorMode: ColorMode, width: Int) {
        self.colorMode = colorMode
        self.width = width
    }

    mutating func writeChanges(
        old: UnsafeBufferPointer<Cell>, new: UnsafeBufferPointer<Cell>, height: Int, into out: inout [UInt8]
    ) {
        for y in 0..<height {
            let rowStart = y * width
            var x = 0
            while x < width {
                let index = rowStart + x
                let cell = new[index]
                if cell.isWideContinuation || same(old[index], cell) {
                    x += 1
                    continue
                }
                move(toX: x, y: y, row: new.baseAddress! + rowStart, into: &out)
                x += emit(cell, x: x, y: y, into: &out)
            }
        }
    }

    /// Equal as drawn: under `NO_COLOR` a color-only change is not a change.
    private func same(_ lhs: Cell, _ rhs: Cell) -> Bool {
        if colorMode == .color { return lhs == rhs }
        return lhs.character == rhs.character && lhs.isWideContinuation == rhs.isWideContinuation
            && lhs.style.attributes == rhs.style.attributes
    }

    /// Moves the cursor to (x, y) by the shortest of: nothing, rewriting the unchanged cells in
    /// between (when they are plain narrow text in the current style), a relative move (CUD
    /// down, CUF/CUB across, or CR then CUF), or CUP. Cells are visited top to bottom, so the
    /// target is never above the cursor.
    private mutating func move(toX x: Int, y: Int, row: UnsafePointer<Cell>, into out: inout [UInt8]) {
        defer { cursor = Position(x: x, y: y) }
        let absolute = ControlSequence.cursorPositionLength(x: x, y: y)
        guard let cursor, cursor.y <= y else {
            ControlSequence.appendCursorPosition(x: x, y: y, to: &out)
            return
        }
        if cursor.y == y, cursor.x <= x {
            let gap = x - cursor.x
            if gap == 0 { return }
            if gap <= ControlSequence.cursorForwardLength(gap), canRewrite(row: row, from: cursor.x, to: x) {
                for column in cursor.x..<x { out.append(contentsOf: row[column].character.utf8) }
                return
            }
        }
        let down = y - cursor.y
        let vertical = down == 0 ? 0 : ControlSequence.cursorVerticalLength(down)
        let across = ControlSequence.cursorHorizontalLength(x - cursor.x)
        let fromLeft = 1 + (x == 0 ? 0 : ControlSequence.cursorForwardLength(x))
        if vertical + min(across, fromLeft) >= absolute {
            ControlSequence.appendCursorPosition(x: x, y: y, to: &out)
            return
        }
        if down > 0 { ControlSequence.appendCursorDown(down, to: &out) }
        if fromLeft < across {
            out.append(0x0D)
            if x > 0 { ControlSequence.appendCursorForward(x, to: &out) }
        } else {
            ControlSequence.appendCursorHorizontal(x - cursor.x, to: &out)
        }
    }

    private func canRewrite(row: UnsafePointer<Cell>, from start: Int, to end: Int) -> Bool {
        for column in start..<end {
            let cell = row[column]
            guard let ascii = cell.character.asciiValue, ascii >= 0x20, ascii < 0x7F, !cell.isWideContinuation,
                  colorMode.effective(cell.style) == style
            else { return false }
        }
        return true
    }

    /// Sends one cell at the cursor; returns the columns it took.
    private mutating func emit(_ cell: Cell, x: Int, y: Int, into out: inout [UInt8]) -> Int {
        let drawn = colorMode.effective(cell.style)
        StyleTransition.append(from: style, to: drawn, to: &out)
        style = drawn
        let columns = DisplayWidth.of(cell.character) == 2 ? 2 : 1
        if cell.character.asciiValue.map({ $0 < 0x20 || $0 == 0x7F }) == true {
            out.append(0x20)
        } else {
            out.append(contentsOf: cell.character.utf8)
        }
        // At the right edge the cursor may or may not have wrapped, depending on the terminal.
        cursor = x + columns >= width ? nil : Position(x: x + columns, y: y)
        return columns
    }
}
