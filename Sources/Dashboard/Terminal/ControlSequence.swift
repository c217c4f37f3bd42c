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
    /// SGR with no parameter, which means 0: the reset a frame sends, a byte shorter.
    static let shortResetStyle = bytes("\u{1B}[m")
    /// EL: blanks from the cursor to the end of its row in the current background; the cursor stays.
    static let eraseToEndOfLine = bytes("\u{1B}[K")
    static let carriageReturn: UInt8 = 0x0D
    /// With output post-processing off (raw mode), LF moves straight down, keeping the column.
    static let lineFeed: UInt8 = 0x0A
    static let backspace: UInt8 = 0x08
    static let clearScreen = bytes("\u{1B}[2J")
    /// DECSTBM with no parameters: the scroll region is the whole screen again, the cursor goes home.
    static let resetScrollRegion = bytes("\u{1B}[r")

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
        appendCSI(columns, final: 0x43, to: &out)
    }

    /// Appends CUD: move the cursor `rows` down, same column (never scrolls).
    static func appendCursorDown(_ rows: Int, to out: inout [UInt8]) {
        appendCSI(rows, final: 0x42, to: &out)
    }

    /// Appends CUU: move the cursor `rows` up, same column.
    static func appendCursorUp(_ rows: Int, to out: inout [UInt8]) {
        appendCSI(rows, final: 0x41, to: &out)
    }

    /// Appends CUB: move the cursor `columns` left on the same row.
    static func appendCursorBackward(_ columns: Int, to out: inout [UInt8]) {
        appendCSI(columns, final: 0x44, to: &out)
    }

    /// Appends CHA: move the cursor to 0-based column `x` on the same row.
    static func appendCursorColumn(_ x: Int, to out: inout [UInt8]) {
        appendCSI(x + 1, final: 0x47, to: &out)
    }

    /// Appends ECH: blank `count` cells from the cursor on in the current background; the cursor stays.
    static func appendEraseCharacters(_ count: Int, to out: inout [UInt8]) {
        appendCSI(count, final: 0x58, to: &out)
    }

    /// Appends DCH: deletes `count` cells at the cursor, moving the rest of the row left and
    /// blanking as many at its right end in the current background; the cursor stays.
    static func appendDeleteCharacters(_ count: Int, to out: inout [UInt8]) {
        appendCSI(count, final: 0x50, to: &out)
    }

    /// Appends DECSTBM for 0-based rows `top...bottom` (top < bottom): SU and SD scroll only those
    /// rows. xterm and tmux move the cursor home, so it is not known afterwards.
    static func appendScrollRegion(top: Int, bottom: Int, to out: inout [UInt8]) {
        out.append(escape)
        out.append(0x5B)
        out.appendDecimal(top + 1)
        out.append(0x3B)
        out.appendDecimal(bottom + 1)
        out.append(0x72)
    }

    /// Bytes DECSTBM for 0-based rows `top...bottom` takes.
    static func scrollRegionLength(top: Int, bottom: Int) -> Int {
        4 + decimalLength(top + 1) + decimalLength(bottom + 1)
    }

    /// Appends SU for a positive `rows` (the region's content moves up, blank rows enter at its
    /// bottom), SD for a negative one (down, blank rows at its top), in the current background.
    static func appendScroll(_ rows: Int, to out: inout [UInt8]) {
        appendCSI(abs(rows), final: rows > 0 ? 0x53 : 0x54, to: &out)
    }

    /// Bytes SU or SD for `rows` takes.
    static func scrollLength(_ rows: Int) -> Int {
        csiLength(abs(rows))
    }

    /// Bytes DCH for `count` cells takes.
    static func deleteCharactersLength(_ count: Int) -> Int {
        csiLength(count)
    }

    /// Bytes CHA to 0-based column `x` takes.
    static func cursorColumnLength(_ x: Int) -> Int {
        csiLength(x + 1)
    }

    /// Bytes ECH for `count` cells takes.
    static func eraseCharactersLength(_ count: Int) -> Int {
        csiLength(count)
    }

    /// `ESC [ n final`, with `n` left out when it is 1 (the default of every sequence used this way).
    private static func appendCSI(_ value: Int, final: UInt8, to out: inout [UInt8]) {
        out.append(escape)
        out.append(0x5B)
        if value != 1 { out.appendDecimal(value) }
        out.append(final)
    }

    private static func csiLength(_ value: Int) -> Int {
        3 + (value != 1 ? decimalLength(value) : 0)
    }

    /// Bytes CUD or CUU for `rows` takes.
    static func cursorVerticalLength(_ rows: Int) -> Int {
        csiLength(rows)
    }

    /// Bytes CUP for (x, y) takes, to weigh it against cheaper moves.
    static func cursorPositionLength(x: Int, y: Int) -> Int {
        3 + decimalLength(y + 1) + (x > 0 ? 1 + decimalLength(x + 1) : 0)
    }

    /// Bytes CUF or CUB for `columns` takes.
    static func cursorForwardLength(_ columns: Int) -> Int {
        csiLength(columns)
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
