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
