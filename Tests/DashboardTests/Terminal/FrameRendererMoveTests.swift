import TestSupport
import Testing
@testable import Dashboard

/// Blocks of rows that moved up or down (a process leaving or entering the table) are scrolled in
/// a scroll region, then repaired: each case is applied to the test terminal on top of the
/// previous frame, so what is checked is what a terminal shows.
@Suite struct FrameRendererMoveTests {
    static let glyphs = Array("▁▂▃▄▅▆▇█")

    /// A process table: a header, one row per process (name, queue, a sparkline that moves on by
    /// `tick` samples, an alert on some), and a footer.
    static func table(_ processes: [Int], tick: Int = 0, width: Int = 80, height: Int = 16) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        buffer.write("PROCESS              QUEUE   HISTORY", at: Position(x: 0, y: 0), style: Style(attributes: .bold))
        for (index, process) in processes.enumerated() where index + 1 < height - 1 {
            let y = index + 1
            buffer.write("worker_pool_\(process)", at: Position(x: 0, y: y))
            buffer.write(String(1000 + process * 37), at: Position(x: 21, y: y), style: Style(foreground: .yellow))
            // Phases 4 apart per process: no row's sparkline is another's moved on by a sample or two.
            let spark = String((0..<30).map { glyphs[abs((process * 4 + tick + $0) % 14 - 7)] })
            buffer.write(spark, at: Position(x: 29, y: y), style: Style(foreground: .cyan))
            if process % 3 == 0 { buffer.write("FIRING", at: Position(x: 61, y: y), style: Style(foreground: .red, attributes: .bold)) }
        }
        buffer.write("\(processes.count) processes", at: Position(x: 0, y: height - 1), style: Style(attributes: .dim))
        return buffer
    }

    /// The frame from `before` to `after`, checked on the test terminal.
    static func diff(
        _ before: Buffer, _ after: Buffer, mode: ColorMode = .color, moving: Bool = true, sourceLocation: SourceLocation = #_sourceLocation
    ) -> String {
        var terminal = VirtualTerminal(width: before.width, height: before.height, garbage: true)
        var renderer = FrameRenderer(colorMode: mode, movesRows: moving)
        terminal.apply(renderer.render(before))
        let bytes = renderer.render(after)
        terminal.apply(bytes)
        #expect(FrameRendererPropertyTests.screenMatches(terminal, after, mode: mode), "screen after the diff", sourceLocation: sourceLocation)
        #expect(terminal.style == .plain, sourceLocation: sourceLocation)
        #expect(terminal.scrollRegion == nil, "the scroll region is reset", sourceLocation: sourceLocation)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `text` sets a scroll region or scrolls (a CSI sequence ending in r, S or T).
    static func scrolls(_ text: String) -> Bool {
        var rest = Substring(text)
        while let start = rest.firstIndex(of: "\u{1B}") {
            rest = rest[rest.index(after: start)...]
            guard rest.first == "[" else { continue }
            let sequence = rest.dropFirst().prefix { $0.isNumber || $0 == ";" || $0 == "?" }
            let final = rest.dropFirst(1 + sequence.count).first
            if final == "r" || final == "S" || final == "T" { return true }
        }
        return false
    }

    @Test(arguments: [ColorMode.color, .noColor])
    func aRemovedRowMovesTheRowsBelowUpWithSU(mode: ColorMode) {
        let before = Self.table(Array(1...12))
        let after = Self.table(Array(1...12).filter { $0 != 4 })
        let moved = Self.diff(before, after, mode: mode)
        let redrawn = Self.diff(before, after, mode: mode, moving: false)
        #expect(moved.contains("\u{1B}[5;14r\u{1B}[S"), "rows 5–14 scroll up by one: \(moved.debugDescription)")
        #expect(moved.utf8.count * 5 < redrawn.utf8.count, "\(moved.utf8.count) bytes moving, \(redrawn.utf8.count) redrawing")
    }

    @Test(arguments: [ColorMode.color, .noColor])
    func insertedRowsMoveTheRowsBelowDownWithSD(mode: ColorMode) {
        let before = Self.table([1, 2, 3, 5, 6, 7, 8, 9, 10, 11])
        let after = Self.table([1, 2, 3, 40, 41, 5, 6, 7, 8, 9, 10, 11])
        let moved = Self.diff(before, after, mode: mode)
        let redrawn = Self.diff(before, after, mode: mode, moving: false)
        #expect(moved.contains("\u{1B}[2T"), "rows scroll down by two: \(moved.debugDescription)")
        // The two new rows are drawn either way.
        #expect(moved.utf8.count * 5 < redrawn.utf8.count * 3, "\(moved.utf8.count) bytes moving, \(redrawn.utf8.count) redrawing")
    }

    @Test func aMoveGoesWithTheSparklinesMovingOn() {
        let before = Self.table(Array(1...12), tick: 0)
        let after = Self.table(Array(1...12).filter { $0 != 2 && $0 != 9 }, tick: 1)
        let text = Self.diff(before, after)
        #expect(text.contains("\u{1B}[S"))
        #expect(text.contains("\u{1B}[P"), "the moved rows' sparklines still shift")
    }

    @Test func twoSeparateBlocksMoveApart() {
        // One process leaves near the top, one enters further down: the rows between move up,
        // the rows below the newcomer stay.
        let before = Self.table([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13])
        let after = Self.table([1, 3, 4, 5, 6, 7, 50, 8, 9, 10, 11, 12, 13])
        let text = Self.diff(before, after)
        #expect(text.contains("\u{1B}[S"))
    }

    @Test func movesAreNotSentWhenTheyDoNotPay() {
        // A short row one line lower: writing it and erasing the old one is as short as scrolling.
        var before = Buffer(width: 40, height: 10)
        before.write("x", at: Position(x: 3, y: 4))
        var after = Buffer(width: 40, height: 10)
        after.write("x", at: Position(x: 3, y: 5))
        #expect(!Self.scrolls(Self.diff(before, after)))
        // Rows one line up but with most of their cells changed besides.
        let table = Self.table(Array(1...8))
        var changed = Self.table(Array(2...8))
        for y in 1..<8 { changed.write(String(repeating: "#", count: 60), at: Position(x: 12, y: y)) }
        #expect(!Self.scrolls(Self.diff(table, changed)))
        // Nothing moved: a frame where only figures change.
        let steady = Self.diff(Self.table(Array(1...12)), Self.table(Array(1...12), tick: 1))
        #expect(!Self.scrolls(steady), "no scroll region is set: \(steady.debugDescription)")
    }
}
