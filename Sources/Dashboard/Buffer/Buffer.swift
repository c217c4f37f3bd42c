/// A grid of cells that widgets draw into; the terminal only ever sees the difference between two.
///
/// Every write is clipped: nothing lands outside the grid, and a wide character that does not
/// fit is replaced by a space instead of being cut in half.
public struct Buffer: Hashable, Sendable {
    public let width: Int
    public let height: Int
    /// Row-major: the cell at (x, y) is `cells[y * width + x]`.
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, filledWith cell: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: cell, count: self.width * self.height)
    }

    /// The whole grid as a rectangle at the origin.
    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at (x, y); the position must be inside the grid.
    public subscript(x x: Int, y y: Int) -> Cell {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "cell (\(x), \(y)) outside \(width)×\(height)")
        return cells[y * width + x]
    }

    /// The cell at (x, y), or nil outside the grid.
    public func cell(x: Int, y: Int) -> Cell? {
        guard x >= 0, x < width, y >= 0, y < height else { return nil }
        return cells[y * width + x]
    }

    /// Puts `cell` at (x, y); outside the grid it is dropped. A wide character takes this cell and
    /// the next; one that would hang off the right edge becomes a space.
    public mutating func set(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        var cell = cell
        cell.isWideContinuation = false
        var cellWidth = DisplayWidth.of(cell.character)
        if cellWidth == 0 { return }
        if cell.character.asciiValue.map({ $0 < 0x20 || $0 == 0x7F }) == true { cell.character = " " }
        if cellWidth == 2, x + 1 >= width {
            cell.character = " "
            cellWidth = 1
        }
        let index = y * width + x
        detachWideNeighbours(at: index, rowStart: y * width, span: cellWidth)
        cells[index] = cell
        if cellWidth == 2 { cells[index + 1] = .continuation(style: cell.style) }
    }

    /// Puts `character` in `style` at (x, y), as `set(_:x:y:)` does.
    public mutating func set(_ character: Character, x: Int, y: Int, style: Style = .plain) {
        set(Cell(character, style: style), x: x, y: y)
    }

    /// Fills the part of `rect` inside the grid with `cell` (a narrow character; wide ones become spaces).
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let clipped = rect.intersection(area)
        guard !clipped.isEmpty else { return }
        var filler = cell
        filler.isWideContinuation = false
        if DisplayWidth.of(filler.character) != 1 { filler.character = " " }
        for y in clipped.y..<clipped.maxY {
            let rowStart = y * width
            detachWideNeighbours(at: rowStart + clipped.x, rowStart: rowStart, span: clipped.width)
            for index in (rowStart + clipped.x)..<(rowStart + clipped.maxX) { cells[index] = filler }
        }
    }

    /// Changes the style of every cell in `rect` (for highlights such as a selected row), keeping the text.
    public mutating func updateStyle(in rect: Rect, _ change: (inout Style) -> Void) {
        let clipped = rect.intersection(area)
        guard !clipped.isEmpty else { return }
        for y in clipped.y..<clipped.maxY {
            for index in (y * width + clipped.x)..<(y * width + clipped.maxX) { change(&cells[index].style) }
        }
    }

    /// Before cells `index ..< index + span` are overwritten, blanks the other half of any wide
    /// character that straddles either end, so no half-characters are left behind.
    private mutating func detachWideNeighbours(at index: Int, rowStart: Int, span: Int) {
        if cells[index].isWideContinuation, index > rowStart {
            cells[index - 1] = Cell(" ", style: cells[index - 1].style)
        }
        let after = index + span
        if after < rowStart + width, cells[after].isWideContinuation {
            cells[after] = Cell(" ", style: cells[after].style)
        }
    }
}

extension Buffer {
    /// Writes `text` from `position` rightwards in `style`, clipped to the grid and to `maxWidth`
    /// columns; returns how many columns it advanced from `position.x` (clipped-off text at the
    /// left counts, text cut at the right does not).
    ///
    /// Control characters are drawn as spaces so that text from the network (process names, alert
    /// labels) can never smuggle escape sequences to the terminal.
    @discardableResult
    public mutating func write(_ text: String, at position: Position, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard position.y >= 0, position.y < height else { return 0 }
        let available = width - position.x
        let limit = position.x + max(0, min(maxWidth ?? available, available))
        var x = position.x
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // Most names are ASCII: one byte is one cell, with no grapheme breaking to pay for.
            for byte in text.utf8 {
                if x >= limit { break }
                if x >= 0 { set(Cell(Character(Unicode.Scalar(byte)), style: style), x: x, y: position.y) }
                x += 1
            }
            return x - position.x
        }
        for character in text {
            let columns = DisplayWidth.of(character)
            if columns == 0 { continue }
            if x + columns > limit { break }
            if x >= 0 {
                set(Cell(character, style: style), x: x, y: position.y)
            } else if x + columns > 0 {
                set(Cell(" ", style: style), x: 0, y: position.y)
            }
            x += columns
        }
        return x - position.x
    }

    /// The text of each row, with a wide character counted once (its continuation cell skipped).
    public var lines: [String] {
        (0..<height).map { line($0) }
    }

    /// All rows joined with newlines: the form tests compare against an expected grid.
    public var textGrid: String {
        lines.joined(separator: "\n")
    }

    /// The text of row `y`.
    public func line(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var text = ""
        text.reserveCapacity(width)
        for cell in cells[(y * width)..<((y + 1) * width)] where !cell.isWideContinuation {
            text.append(cell.character)
        }
        return text
    }
}
