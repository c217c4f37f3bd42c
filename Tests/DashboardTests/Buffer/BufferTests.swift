import Testing
@testable import Dashboard

@Suite struct BufferTests {
    @Test func writesClipToTheGridAndToMaxWidth() {
        var buffer = Buffer(width: 8, height: 2)
        #expect(buffer.write("hello world", at: Position(x: 2, y: 0)) == 6)
        #expect(buffer.write("abcdef", at: Position(x: 0, y: 1), maxWidth: 3) == 3)
        #expect(buffer.write("nothing", at: Position(x: 0, y: 2)) == 0)
        #expect(buffer.write("xyz", at: Position(x: -2, y: 1)) == 3)
        #expect(buffer.lines == ["  hello ", "zbc     "])
    }

    @Test func wideCharactersTakeTwoCells() {
        var buffer = Buffer(width: 6, height: 1)
        #expect(buffer.write("界a😀", at: Position(x: 0, y: 0)) == 5)
        #expect(buffer[x: 1, y: 0].isWideContinuation)
        #expect(buffer[x: 4, y: 0].isWideContinuation)
        #expect(buffer.lines == ["界a😀 "])
        #expect(DisplayWidth.of("界a😀") == 5)
    }

    @Test func aWideCharacterThatDoesNotFitIsLeftOut() {
        var buffer = Buffer(width: 3, height: 1)
        #expect(buffer.write("ab界", at: Position(x: 0, y: 0)) == 2)
        buffer.set("界", x: 2, y: 0)
        #expect(buffer.lines == ["ab "])
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.write("界界", at: Position(x: 0, y: 0))
        buffer.set("x", x: 1, y: 0)
        buffer.set("y", x: 2, y: 0)
        #expect(buffer.lines == [" xy "])
        #expect(!buffer.cells.contains { $0.isWideContinuation })
    }

    @Test func controlCharactersAreDrawnAsSpaces() {
        var buffer = Buffer(width: 8, height: 1)
        buffer.write("a\u{1B}[2Jb\tc", at: Position(x: 0, y: 0))
        #expect(buffer.lines == ["a [2Jb c"])
    }

    @Test func fillAndUpdateStyleStayInside() {
        var buffer = Buffer(width: 4, height: 3)
        buffer.fill(Rect(x: 2, y: 1, width: 10, height: 10), with: Cell("#"))
        buffer.updateStyle(in: Rect(x: -1, y: 2, width: 2, height: 1)) { $0.attributes.insert(.bold) }
        #expect(buffer.textGrid == "    \n  ##\n  ##")
        #expect(buffer[x: 0, y: 2].style.attributes == .bold)
        #expect(buffer[x: 1, y: 2].style == .plain)
    }

    @Test func combiningMarksStayWithTheirLetter() {
        var buffer = Buffer(width: 3, height: 1)
        buffer.write("e\u{301}x", at: Position(x: 0, y: 0))
        #expect(buffer.lines == ["e\u{301}x "])
    }

    @Test func emptyBuffersAreFine() {
        var buffer = Buffer(width: 0, height: -3)
        buffer.write("x", at: Position(x: 0, y: 0))
        buffer.fill(buffer.area)
        #expect(buffer.lines.isEmpty)
        #expect(buffer.cell(x: 0, y: 0) == nil)
    }
}
