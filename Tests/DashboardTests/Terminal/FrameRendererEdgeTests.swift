import Testing
@testable import Dashboard

/// The places a diff can go wrong: erases, rewritten gaps, the right edge, wide characters and
/// `NO_COLOR`. Each frame is applied to the test terminal on top of the previous one, so the
/// check is what a terminal would show, not the bytes alone.
@Suite struct FrameRendererEdgeTests {
    let red = Style(foreground: .red)
    let blue = Style(foreground: .blue)

    /// The diff from `before` to `after`, checked by applying it to a terminal showing `before`.
    func diff(_ before: Buffer, _ after: Buffer, mode: ColorMode = .color, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        var terminal = VirtualTerminal(width: before.width, height: before.height, garbage: true)
        var renderer = FrameRenderer(colorMode: mode)
        terminal.apply(renderer.render(before))
        let bytes = renderer.render(after)
        terminal.apply(bytes)
        #expect(FrameRendererPropertyTests.screenMatches(terminal, after, mode: mode), "screen after the diff", sourceLocation: sourceLocation)
        #expect(terminal.style == .plain, "the frame ends in the default style", sourceLocation: sourceLocation)
        return String(decoding: bytes, as: UTF8.self)
    }

    func buffer(_ rows: [String], width: Int = 20, style: Style = .plain) -> Buffer {
        var buffer = Buffer(width: width, height: rows.count)
        for (y, row) in rows.enumerated() { buffer.write(row, at: Position(x: 0, y: y), style: style) }
        return buffer
    }

    @Test func aRowThatEndsBlankIsErasedToItsEnd() {
        let text = diff(buffer(["alpha beta gamma", "x"]), buffer(["al", "x"]))
        #expect(text.contains("\u{1B}[K"))
        #expect(!text.contains("    "), "no spaces written for the blanked cells")
    }

    @Test func scatteredBlanksAfterTheLastTextAreOneErase() {
        // "a" and "b" go, with unchanged blanks between them: one EL covers both.
        let text = diff(buffer(["keep a     b"]), buffer(["keep"]))
        #expect(text.components(separatedBy: "\u{1B}[K").count == 2)
    }

    @Test func aBlankStretchBeforeTextIsErasedWithECH() {
        let text = diff(buffer(["0123456789 end"]), buffer(["           end"]))
        #expect(text.contains("\u{1B}[10X") || text.contains("\u{1B}[11X"))
    }

    @Test func shortBlanksAreWrittenAsSpaces() {
        let text = diff(buffer(["ab cd"]), buffer(["a  cd"]))
        #expect(!text.contains("X") && !text.contains("\u{1B}[K"))
    }

    @Test func aColoredBlankIsNotErasedButIsUnderNoColor() {
        var before = buffer(["status: degraded"])
        var after = before
        after.fill(Rect(x: 8, y: 0, width: 12, height: 1), with: Cell(" ", style: Style(background: .red)))
        #expect(!diff(before, after).contains("\u{1B}[K"), "erase would draw the default background")
        before = buffer(["status: degraded"])
        #expect(diff(before, after, mode: .noColor).contains("\u{1B}[K"), "without colors the cells are plain blanks")
    }

    @Test func aGapInAnotherStyleIsMovedOverNotRewritten() {
        var before = Buffer(width: 12, height: 1)
        before.write("a", at: Position(x: 0, y: 0), style: red)
        before.write("xy", at: Position(x: 1, y: 0), style: blue)
        before.write("b", at: Position(x: 3, y: 0), style: red)
        var after = before
        after.write("A", at: Position(x: 0, y: 0), style: red)
        after.write("B", at: Position(x: 3, y: 0), style: red)
        let text = diff(before, after)
        #expect(!text.contains("xy"), "rewriting the gap in red would recolor it")
    }

    @Test func aGapInTheSameStyleIsRewrittenWhenShorter() {
        let before = buffer(["a bc"], style: red)
        var after = before
        after.write("A", at: Position(x: 0, y: 0), style: red)
        after.write("C", at: Position(x: 3, y: 0), style: red)
        #expect(diff(before, after).contains("A bC"))
    }

    @Test func afterTheLastColumnTheNextRunIsPlacedAbsolutely() {
        var before = Buffer(width: 6, height: 3)
        before.write("abcdef", at: Position(x: 0, y: 0))
        before.write("ghijkl", at: Position(x: 0, y: 1))
        var after = before
        after.set("F", x: 5, y: 0)
        after.set("G", x: 0, y: 1)
        after.set("L", x: 5, y: 1)
        after.set("z", x: 5, y: 2)
        let text = diff(before, after)
        #expect(text.contains("F\u{1B}[2HG"), "no reliance on where the cursor wrapped to")
    }

    @Test func wideCharactersReplacedByNarrowOnesInOtherStyles() {
        var before = Buffer(width: 8, height: 2)
        before.write("界界界界", at: Position(x: 0, y: 0))
        before.write("ab界", at: Position(x: 4, y: 1))
        var after = before
        after.set("x", x: 1, y: 0, style: red)
        after.set("y", x: 2, y: 0, style: blue)
        after.set("😀", x: 6, y: 0)
        after.set("界", x: 5, y: 1, style: red)
        _ = diff(before, after)
        _ = diff(after, before)
    }

    @Test func aWideCharacterInTheLastTwoColumns() {
        var before = Buffer(width: 5, height: 2)
        before.write("abc界", at: Position(x: 0, y: 0))
        var after = before
        after.write("ab", at: Position(x: 3, y: 0), style: red)
        after.write("界", at: Position(x: 3, y: 1))
        _ = diff(before, after)
        _ = diff(after, before)
    }

    @Test func movesUseLineFeedsAndBackspacesBetweenNearbyRuns() {
        var before = Buffer(width: 40, height: 4)
        for y in 0..<4 { before.write("value 100", at: Position(x: 20, y: y)) }
        var after = before
        for y in 0..<4 { after.write("\(232 + y)", at: Position(x: 26, y: y)) }
        let text = diff(before, after)
        #expect(text.contains("232\n\u{8}\u{8}\u{8}233"), "down one row and back three columns")
    }

    @Test func noColorSendsAttributesOnlyAndIgnoresColorChanges() {
        var before = Buffer(width: 10, height: 2)
        before.write("left", at: Position(x: 0, y: 0), style: Style(foreground: .green, attributes: .bold))
        var after = before
        after.updateStyle(in: after.area) { $0.foreground = .red }
        after.write("right", at: Position(x: 0, y: 1), style: Style(foreground: .cyan, attributes: .reverse))
        let text = diff(before, after, mode: .noColor)
        #expect(!text.contains("left"))
        #expect(text.contains("\u{1B}[7mright"))
    }
}
