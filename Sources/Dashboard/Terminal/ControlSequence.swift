/// The few escape sequences the dashboard sends, as bytes.
enum ControlSequence {
    static let escape: UInt8 = 0x1B
    /// Begin/end synchronized update: the terminal shows the frame only once it is complete.
    static let beginSynchronizedUpdate = bytes("\u{1B}[?2026h")
    static let endSynchronizedUpdate = bytes("\u{1B}[?2026l")
    static let enterAlternateScreen = bytes("\u{1B}[?1049h")
    static let leaveAlternateScreen = bytes("\u{1B}[?1049l")
    static let hideCursor = bytes("\u{1B}[?25l")
    static let showCursor = bytes("\u{1B}[?25h")
    static let resetStyle = bytes("\u{1B}[0m")
    static let clearScreen = bytes("\u{1B}[2J")

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Appends CUP for 0-based (x, y); the column is left out when it is the first, to save bytes.
    static func appendCursorPosition(x: Int, y: Int, to out: inout [UInt8]) {
        out.append(escape)
        out.append(0x5B)
        out.appendDecimal(y + 1)
        if x > 0 {
            out.append(0x3B)
            out.appendDecimal(x + 1)
        }
        out.append(0x48)
    }

    /// Appends CUF: move the cursor `columns` right on the same row.
    static func appendCursorForward(_ columns: Int, to out: inout [UInt8]) {
        out.append(escape)
        out.append(0x5B)
        if columns != 1 { out.appendDecimal(columns) }
        out.append(0x43)
    }

    /// Appends CUD: move the cursor `rows` down, same column (never scrolls).
    static func appendCursorDown(_ rows: Int, to out: inout [UInt8]) {
        out.append(escape)
        out.append(0x5B)
        if rows != 1 { out.appendDecimal(rows) }
        out.append(0x42)
    }

    /// Appends CUF for a positive `columns`, CUB (left) for a negative one, nothing for 0.
    static func appendCursorHorizontal(_ columns: Int, to out: inout [UInt8]) {
        if columns > 0 {
            appendCursorForward(columns, to: &out)
        } else if columns < 0 {
            out.append(escape)
            out.append(0x5B)
            if columns != -1 { out.appendDecimal(-columns) }
            out.append(0x44)
        }
    }

    static func cursorVerticalLength(_ rows: Int) -> Int {
        3 + (rows != 1 ? decimalLength(rows) : 0)
    }

    static func cursorHorizontalLength(_ columns: Int) -> Int {
        columns == 0 ? 0 : cursorForwardLength(abs(columns))
    }

    /// Bytes CUP for (x, y) takes, to weigh it against cheaper moves.
    static func cursorPositionLength(x: Int, y: Int) -> Int {
        3 + decimalLength(y + 1) + (x > 0 ? 1 + decimalLength(x + 1) : 0)
    }

    static func cursorForwardLength(_ columns: Int) -> Int {
        3 + (columns != 1 ? decimalLength(columns) : 0)
    }

    static func decimalLength(_ value: Int) -> Int {
        var digits = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        return digits
    }
}

extension [UInt8] {
    /// Appends a non-negative integer's decimal digits without going through `String`.
    mutating func appendDecimal(_ value: Int) {
        if value < 10 {
            append(0x30 + UInt8(value))
            return
        }
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            append(0x30 + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
