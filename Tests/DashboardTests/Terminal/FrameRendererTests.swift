import Testing
@testable import Dashboard

@Suite struct FrameRendererTests {
    let begin = "\u{1B}[?2026h"
    let end = "\u{1B}[?2026l"

    func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func anUnchangedFrameSendsNothing() {
        var buffer = Buffer(width: 10, height: 3)
        buffer.write("steady", at: Position(x: 1, y: 1), style: Style(foreground: .red))
        var renderer = FrameRenderer(colorMode: .color)
        #expect(!renderer.render(buffer).isEmpty)
        #expect(renderer.render(buffer).isEmpty)
    }

    @Test func oneChangedCellIsOneCursorMoveAndTheCharacter() {
        let before = Buffer(width: 10, height: 3)
        var after = before
        after.set("x", x: 4, y: 1)
        let bytes = FrameRenderer(colorMode: .color).frame(from: before, to: after)
        #expect(text(bytes) == begin + "\u{1B}[2;5Hx" + end)
    }

    @Test func styleIsSentOnceForARunAndResetAtTheEnd() {
        let before = Buffer(width: 10, height: 2)
        var after = before
        after.write("ab", at: Position(x: 0, y: 0), style: Style(foreground: .red, attributes: .bold))
        after.write("c", at: Position(x: 2, y: 0), style: Style(foreground: .red))
        let bytes = FrameRenderer(colorMode: .color).frame(from: before, to: after)
        #expect(text(bytes) == begin + "\u{1B}[1H\u{1B}[1;31mab\u{1B}[22mc\u{1B}[m" + end)
    }

    @Test func shortGapsAreRewrittenLongOnesSkipped() {
        let before = Buffer(width: 30, height: 2)
        var after = before
        after.set("a", x: 0, y: 0)
        after.set("b", x: 3, y: 0)
        after.set("c", x: 23, y: 0)
        after.set("d", x: 2, y: 1)
        let bytes = FrameRenderer(colorMode: .color).frame(from: before, to: after)
        // After "b", the "d" below is two bytes away (LF, two BS) and "c" is reached from there by CUP.
        #expect(text(bytes) == begin + "\u{1B}[1Ha  b\n\u{8}\u{8}d\u{1B}[1;24Hc" + end)
    }

    @Test func relativeMovesWhenTheyAreShorter() {
        let before = Buffer(width: 30, height: 14)
        var after = before
        after.set("a", x: 5, y: 10)
        after.set("b", x: 5, y: 11)
        after.set("c", x: 0, y: 12)
        after.set("d", x: 9, y: 12)
        let bytes = FrameRenderer(colorMode: .color).frame(from: before, to: after)
        #expect(text(bytes) == begin + "\u{1B}[11;6Ha\n\u{8}b\n\rc\u{1B}[8Cd" + end)
    }

    @Test func afterTheLastColumnTheCursorIsPlacedAgain() {
        let before = Buffer(width: 4, height: 2)
        var after = before
        after.set("a", x: 3, y: 0)
        after.set("b", x: 0, y: 1)
        let bytes = FrameRenderer(colorMode: .color).frame(from: before, to: after)
        #expect(text(bytes) == begin + "\u{1B}[1;4Ha\u{1B}[2Hb" + end)
    }

    @Test func aResizeRedrawsEverythingFromACleanScreen() {
        var small = Buffer(width: 5, height: 2)
        small.write("hi", at: Position(x: 0, y: 0))
        var large = Buffer(width: 6, height: 2)
        large.write("hi", at: Position(x: 0, y: 0))
        var renderer = FrameRenderer(colorMode: .color)
        _ = renderer.render(small)
        let bytes = renderer.render(large)
        #expect(text(bytes) == begin + "\u{1B}[0m\u{1B}[2J\u{1B}[1Hhi" + end)
        renderer.invalidate()
        #expect(text(renderer.render(large)) == text(bytes))
    }

    @Test func noColorDropsColorsButKeepsAttributes() {
        let before = Buffer(width: 10, height: 1)
        var after = before
        after.write("ok", at: Position(x: 0, y: 0), style: Style(foreground: .green, background: .blue, attributes: .reverse))
        let bytes = FrameRenderer(colorMode: .noColor).frame(from: before, to: after)
        #expect(text(bytes) == begin + "\u{1B}[1H\u{1B}[7mok\u{1B}[m" + end)
        var recolored = after
        recolored.updateStyle(in: recolored.area) { $0.foreground = .red }
        #expect(FrameRenderer(colorMode: .noColor).frame(from: after, to: recolored).isEmpty)
    }

    @Test func colorsOfEveryKind() {
        var out: [UInt8] = []
        StyleTransition.append(from: .plain, to: Style(foreground: .brightRed, background: .indexed(200)), to: &out)
        StyleTransition.append(from: .plain, to: Style(foreground: .rgb(1, 2, 3)), to: &out)
        StyleTransition.append(from: Style(foreground: .red, attributes: [.bold, .underline]), to: Style(attributes: .bold), to: &out)
        #expect(text(out) == "\u{1B}[91;48;5;200m\u{1B}[38;2;1;2;3m\u{1B}[0;1m")
    }

    @Test func wideCharactersAdvanceTheCursorByTwo() {
        let before = Buffer(width: 6, height: 1)
        var after = before
        after.write("界x", at: Position(x: 0, y: 0))
        #expect(text(FrameRenderer(colorMode: .color).frame(from: before, to: after)) == begin + "\u{1B}[1H界x" + end)
    }
}
