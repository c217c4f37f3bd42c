import Testing
import Dashboard

@Suite struct TextFittingTests {
    @Test func truncatesWithAnEllipsis() {
        #expect(TextFitting.truncated("chat_router", toWidth: 6) == "chat_…")
        #expect(TextFitting.truncated("chat", toWidth: 4) == "chat")
        #expect(TextFitting.truncated("chat", toWidth: 1) == "…")
        #expect(TextFitting.truncated("chat", toWidth: 0) == "")
        #expect(TextFitting.truncated("chat_router", toWidth: 6, ellipsis: "~") == "chat_~")
    }

    @Test func truncationCountsWideCharactersAsTwo() {
        #expect(TextFitting.truncated("界界界", toWidth: 4) == "界…")
        #expect(TextFitting.truncated("界界界", toWidth: 5) == "界界…")
    }

    @Test func alignsToAnExactWidth() {
        #expect(TextFitting.aligned("42", width: 5, alignment: .right) == "   42")
        #expect(TextFitting.aligned("42", width: 5, alignment: .left) == "42   ")
        #expect(TextFitting.aligned("42", width: 5, alignment: .center) == " 42  ")
        #expect(TextFitting.aligned("123456", width: 5, alignment: .right) == "1234…")
    }

    @Test func displayWidths() {
        #expect(DisplayWidth.of(Character("a")) == 1)
        #expect(DisplayWidth.of(Character("界")) == 2)
        #expect(DisplayWidth.of(Character("😀")) == 2)
        #expect(DisplayWidth.of(Character("❤\u{FE0F}")) == 2)
        #expect(DisplayWidth.of(Character("\u{200B}")) == 0)
        #expect(DisplayWidth.of(Character("─")) == 1)
        #expect(DisplayWidth.of(Character("한")) == 2)
    }
}
