import Testing
import Dashboard

@Suite struct KeyDecoderTests {
    func decode(_ text: String) -> [Key] {
        var decoder = KeyDecoder()
        return decoder.decode(Array(text.utf8))
    }

    @Test func namedKeys() {
        #expect(decode("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D") == [.up, .down, .right, .left])
        #expect(decode("\u{1B}[5~\u{1B}[6~\u{1B}[H\u{1B}[F\u{1B}[1~\u{1B}[4~") == [.pageUp, .pageDown, .home, .end, .home, .end])
        #expect(decode("\u{1B}OA\u{1B}OH\u{1B}[3~\u{1B}[Z") == [.up, .home, .delete, .backTab])
        #expect(decode("\r\n\u{7F}\u{08}\t") == [.enter, .backspace, .backspace, .tab])
        #expect(decode("\u{03}\u{0C}") == [.interrupt, .control("l")])
    }

    @Test func printableCharacters() {
        #expect(decode("/q?s") == [.character("/"), .character("q"), .character("?"), .character("s")])
        #expect(decode("é界") == [.character("é"), .character("界")])
    }

    @Test func modifiedArrowsStillMove() {
        #expect(decode("\u{1B}[1;5A\u{1B}[1;2D") == [.up, .left])
    }

    @Test func unknownSequencesAreSwallowed() {
        #expect(decode("\u{1B}[200~x\u{1B}[?1;2c") == [.character("x")])
    }

    @Test(arguments: Array(1..<6))
    func escapeSequencesSplitAnywhereAreHeldUntilComplete(split: Int) {
        let bytes = Array("\u{1B}[5~q".utf8)
        var decoder = KeyDecoder()
        let first = decoder.decode(bytes[..<split])
        let second = decoder.decode(bytes[split...])
        #expect(first + second == [.pageUp, .character("q")])
        #expect(!decoder.hasPending)
    }

    @Test func splitUTF8IsHeldUntilComplete() {
        let bytes = Array("界".utf8)
        var decoder = KeyDecoder()
        #expect(decoder.decode(bytes[..<1]).isEmpty)
        #expect(decoder.decode(bytes[1..<2]).isEmpty)
        #expect(decoder.decode(bytes[2...]) == [.character("界")])
    }

    @Test func aLoneEscapeWaitsForFlush() {
        var decoder = KeyDecoder()
        #expect(decoder.decode([0x1B]).isEmpty)
        #expect(decoder.hasPending)
        #expect(decoder.flush() == [.escape])
        #expect(!decoder.hasPending)
        #expect(decoder.decode([0x1B, 0x1B]) == [.escape])
        #expect(decoder.flush() == [.escape])
    }

    @Test func aTimedOutPartialSequenceBecomesEscapeAndKeys() {
        var decoder = KeyDecoder()
        #expect(decoder.decode(Array("\u{1B}[".utf8)).isEmpty)
        #expect(decoder.flush() == [.escape, .character("[")])
    }

    @Test func escapeFollowedByALetterIsEscapeThenTheLetter() {
        #expect(decode("\u{1B}q") == [.escape, .character("q")])
    }

    @Test func invalidUTF8IsDropped() {
        var decoder = KeyDecoder()
        #expect(decoder.decode([0xFF, 0x61, 0xE2, 0x62]) == [.character("a"), .character("b")])
    }
}
