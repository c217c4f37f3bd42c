@testable import Dashboard
import Testing

/// A tiny terminal for tests: applies the bytes a `FrameRenderer` sends (CUP, CUF, CUB, CUD, CUU,
/// CHA, CR, LF, BS, ED 2, EL, ECH, DCH, DECSTBM, SU, SD, SGR, private modes, UTF-8 text with xterm's
/// deferred wrap at the right edge) to a grid, so a test can check the screen ends up showing exactly the buffer
/// that was rendered. Like a real terminal, writing or erasing half of a wide character blanks
/// the other half.
///
/// It is stricter than a terminal where terminals disagree: text sent while a wrap is pending,
/// a move off the screen, an LF that would scroll, or a scroll region that is not strictly inside
/// the screen is recorded as an issue, since the renderer must not depend on any of them.
struct VirtualTerminal {
    private(set) var screen: Buffer
    private(set) var cursor = Position(x: 0, y: 0)
    private(set) var style = Style.plain
    /// The rows SU and SD scroll (DECSTBM); nil when it is the whole screen.
    private(set) var scrollRegion: ClosedRange<Int>?
    /// Set after writing in the last column: the next character wraps first (xterm's behaviour).
    private var wrapPending = false

    init(width: Int, height: Int, garbage: Bool = false) {
        screen = Buffer(width: width, height: height, filledWith: garbage ? Cell("?") : .blank)
    }

    mutating func apply(_ bytes: [UInt8]) {
        var index = 0
        var text: [UInt8] = []
        while index < bytes.count {
            if bytes[index] == 0x1B {
                flush(&text)
                index = applyEscape(bytes, at: index)
            } else if bytes[index] == 0x0D {
                flush(&text)
                cursor.x = 0
                wrapPending = false
                index += 1
            } else if bytes[index] == 0x0A {
                flush(&text)
                // Raw mode: LF moves down only, keeping the column (no CR added).
                if cursor.y + 1 >= screen.height { Issue.record("LF on the last row would scroll") }
                if cursor.y == scrollRegion?.upperBound { Issue.record("LF on the scroll region's last row would scroll it") }
                cursor.y = min(screen.height - 1, cursor.y + 1)
                wrapPending = false
                index += 1
            } else if bytes[index] == 0x08 {
                flush(&text)
                if cursor.x == 0 { Issue.record("BS in the first column") }
                cursor.x = max(0, cursor.x - 1)
                wrapPending = false
                index += 1
            } else {
                text.append(bytes[index])
                index += 1
            }
        }
        flush(&text)
    }

    private mutating func flush(_ text: inout [UInt8]) {
        guard !text.isEmpty else { return }
        for character in String(decoding: text, as: UTF8.self) { put(character) }
        text.removeAll()
    }

    private mutating func put(_ character: Character) {
        let width = DisplayWidth.of(character)
        if wrapPending {
            Issue.record("text sent with a wrap pending: terminals differ on where it lands")
            cursor = Position(x: 0, y: min(screen.height - 1, cursor.y + 1))
            wrapPending = false
        }
        screen.set(Cell(character, style: style), x: cursor.x, y: cursor.y)
        if cursor.x + width >= screen.width {
            cursor.x = screen.width - 1
            wrapPending = true
        } else {
            cursor.x += width
        }
    }

    /// Applies `ESC [ params final` starting at `start`; returns the index after it.
    private mutating func applyEscape(_ bytes: [UInt8], at start: Int) -> Int {
        precondition(start + 1 < bytes.count && bytes[start + 1] == 0x5B, "only CSI sequences are expected")
        var index = start + 2
        var isPrivate = false
        if index < bytes.count, bytes[index] == 0x3F {
            isPrivate = true
            index += 1
        }
        var parameters: [Int] = []
        var current: Int?
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x3B {
            if bytes[index] == 0x3B {
                parameters.append(current ?? 0)
                current = nil
            } else {
                current = (current ?? 0) * 10 + Int(bytes[index] - 0x30)
            }
            index += 1
        }
        if let current { parameters.append(current) }
        let final = bytes[index]
        if !isPrivate { perform(final, parameters) }
        return index + 1
    }

    private mutating func perform(_ final: UInt8, _ parameters: [Int]) {
        wrapPending = false
        switch final {
        case 0x48: // CUP
            let row = max(1, parameters.first ?? 1)
            let column = max(1, parameters.count > 1 ? parameters[1] : 1)
            cursor = Position(x: min(column, screen.width) - 1, y: min(row, screen.height) - 1)
        case 0x43: // CUF
            cursor.x = clamped(cursor.x + count(parameters), limit: screen.width)
        case 0x44: // CUB
            cursor.x = clamped(cursor.x - count(parameters), limit: screen.width)
        case 0x42: // CUD
            cursor.y = clamped(cursor.y + count(parameters), limit: screen.height)
        case 0x41: // CUU
            cursor.y = clamped(cursor.y - count(parameters), limit: screen.height)
        case 0x47: // CHA
            cursor.x = clamped(count(parameters) - 1, limit: screen.width)
        case 0x4B: // EL
            if (parameters.first ?? 0) != 0 { Issue.record("only EL 0 is expected") }
            erase(from: cursor.x, to: screen.width)
        case 0x58: // ECH
            erase(from: cursor.x, to: min(screen.width, cursor.x + count(parameters)))
        case 0x50: // DCH
            deleteCharacters(count(parameters))
        case 0x72: // DECSTBM
            setScrollRegion(parameters)
        case 0x53: // SU
            scroll(by: count(parameters))
        case 0x54: // SD
            scroll(by: -count(parameters))
        case 0x4A: // ED
            precondition(parameters.first == 2, "only ED 2 is expected")
            screen.fill(screen.area, with: Cell(" ", style: Style(background: style.background)))
        case 0x6D: // SGR
            applySGR(parameters.isEmpty ? [0] : parameters)
        default:
            Issue.record("unexpected control sequence final byte \(final)")
        }
    }

    /// A CSI's count: a missing or zero parameter means 1.
    private func count(_ parameters: [Int]) -> Int {
        max(1, parameters.first ?? 1)
    }

    private func clamped(_ value: Int, limit: Int) -> Int {
        if value < 0 || value >= limit { Issue.record("cursor moved off the screen to \(value)") }
        return min(limit - 1, max(0, value))
    }

    /// DCH: removes `count` cells at the cursor, moving the rest of the row left and blanking the
    /// right end in the current background (as xterm, VTE and tmux do); the cursor stays. Deleting
    /// or moving half of a wide character is an issue: terminals differ in what they do with it.
    private mutating func deleteCharacters(_ count: Int) {
        let start = cursor.x
        let count = min(count, screen.width - start)
        let row = (0..<screen.width).map { screen[x: $0, y: cursor.y] }
        if row[start].isWideContinuation || (start + count < screen.width && row[start + count].isWideContinuation) {
            Issue.record("DCH at column \(start) by \(count) splits a wide character")
        }
        let filler = Cell(" ", style: Style(background: style.background))
        screen.fill(Rect(x: 0, y: cursor.y, width: screen.width, height: 1))
        for x in 0..<screen.width {
            let cell = x < start ? row[x] : (x + count < screen.width ? row[x + count] : filler)
            if !cell.isWideContinuation { screen.set(cell, x: x, y: cursor.y) }
        }
    }

    /// DECSTBM: sets the rows SU and SD scroll (1-based `top;bottom`; none: the whole screen) and
    /// moves the cursor home, as xterm and tmux do without origin mode. A region that is not
    /// strictly inside the screen, or of a single row, is an issue: terminals ignore or clamp it.
    private mutating func setScrollRegion(_ parameters: [Int]) {
        cursor = Position(x: 0, y: 0)
        guard !parameters.isEmpty else {
            scrollRegion = nil
            return
        }
        guard parameters.count == 2, parameters[0] >= 1, parameters[0] < parameters[1], parameters[1] <= screen.height else {
            Issue.record("scroll region \(parameters) is not two rows or more inside \(screen.height) rows")
            return
        }
        scrollRegion = (parameters[0] - 1)...(parameters[1] - 1)
    }

    /// SU for a positive `rows`, SD for a negative one: the scroll region's rows move up (down),
    /// and blank rows in the current background enter at its bottom (top); the cursor stays.
    /// Scrolling a region by all its rows or more is an issue: an erase would do.
    private mutating func scroll(by rows: Int) {
        let region = scrollRegion ?? 0...(screen.height - 1)
        if abs(rows) >= region.count { Issue.record("scrolling \(region.count) rows by \(abs(rows))") }
        let old = screen
        let filler = Cell(" ", style: Style(background: style.background))
        for y in region {
            let source = y + rows
            screen.fill(Rect(x: 0, y: y, width: screen.width, height: 1), with: filler)
            guard region.contains(source) else { continue }
            for x in 0..<screen.width where !old[x: x, y: source].isWideContinuation {
                screen.set(old[x: x, y: source], x: x, y: y)
            }
        }
    }

    /// Blanks `from..<to` of the cursor's row in the current background, as EL and ECH do.
    private mutating func erase(from start: Int, to end: Int) {
        screen.fill(Rect(x: start, y: cursor.y, width: end - start, height: 1), with: Cell(" ", style: Style(background: style.background)))
    }

    private mutating func applySGR(_ parameters: [Int]) {
        var index = 0
        while index < parameters.count {
            let code = parameters[index]
            switch code {
            case 0: style = .plain
            case 1: style.attributes.insert(.bold)
            case 2: style.attributes.insert(.dim)
            case 4: style.attributes.insert(.underline)
            case 7: style.attributes.insert(.reverse)
            case 22: style.attributes.subtract([.bold, .dim])
            case 24: style.attributes.remove(.underline)
            case 27: style.attributes.remove(.reverse)
            case 30...37: style.foreground = .ansi(UInt8(code - 30))
            case 39: style.foreground = .terminalDefault
            case 40...47: style.background = .ansi(UInt8(code - 40))
            case 49: style.background = .terminalDefault
            case 90...97: style.foreground = .ansi(UInt8(code - 90 + 8))
            case 100...107: style.background = .ansi(UInt8(code - 100 + 8))
            case 38, 48:
                let color: Color
                if parameters[index + 1] == 5 {
                    color = .indexed(UInt8(parameters[index + 2]))
                    index += 2
                } else {
                    color = .rgb(UInt8(parameters[index + 2]), UInt8(parameters[index + 3]), UInt8(parameters[index + 4]))
                    index += 4
                }
                if code == 38 { style.foreground = color } else { style.background = color }
            default:
                Issue.record("unexpected SGR parameter \(code)")
            }
            index += 1
        }
    }
}
