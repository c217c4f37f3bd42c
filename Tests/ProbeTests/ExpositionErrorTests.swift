import Testing
import Probe

/// Every error names its line and column (1-based, in characters) and what was expected.
@Suite struct ExpositionErrorTests {
    typealias T = ExpositionTesting

    @Test func missingValue() {
        #expect(T.error("m{a=\"b\"}\n") == "1:9: expected sample value after \"m\"")
        #expect(T.error("ok 1\nm\n") == "2:2: expected sample value after \"m\"")
        #expect(T.error("m{a=\"b\"}x 1\n") == "1:9: expected \" \" before sample value, found \"x\"")
    }

    @Test func badNumber() {
        #expect(T.error("a 1\nb 2\nc 12x\n") == "3:3: invalid sample value \"12x\"; expected a number, NaN or ±Inf")
    }

    @Test func unterminatedLabelValue() {
        #expect(T.error("m{a=\"b} 1\n") == "1:5: unterminated label value for \"a\"; expected a closing quote")
        #expect(T.error("m{a=\"b\\\"} 1\n") == "1:5: unterminated label value for \"a\"; expected a closing quote")
    }

    @Test func missingClosingBrace() {
        #expect(T.error("m{a=\"b\" 1\n") == "1:9: expected \",\" or \"}\" after label value for \"a\"")
        #expect(T.error("m{a=\"b\",\n") == "1:9: expected label name or \"}\"")
    }

    @Test func missingEqualsOrQuote() {
        #expect(T.error("up 1\nm{a=\"1\",pid \"x\"} 1\n") == "2:13: expected \"=\" after label name \"pid\"")
        #expect(T.error("m{pid=x} 1\n") == "1:7: expected a quoted value after \"pid=\"")
    }

    @Test func badNames() {
        #expect(T.error("1m 1\n") == "1:1: expected metric name, found \"1\"")
        #expect(T.error("m{1a=\"b\"} 1\n") == "1:3: expected label name or \"}\"")
        #expect(T.error("m{a:b=\"c\"} 1\n") == "1:4: expected \"=\" after label name \"a\"")
        #expect(T.error("m-x 1\n") == "1:2: expected \" \" before sample value, found \"-\"")
    }

    @Test func invalidUTF8InLabelValue() {
        let bytes = Array("ok 1\nm{name=\"".utf8) + [0xFF, 0x41] + Array("\"} 1\n".utf8)
        #expect(T.error(bytes: bytes) == "2:9: invalid UTF-8 in label value for \"name\"")
        let escaped = Array("m{name=\"\\\\".utf8) + [0xC3] + Array("\"} 1\n".utf8)
        #expect(T.error(bytes: escaped) == "1:9: invalid UTF-8 in label value for \"name\"")
    }

    @Test func duplicateLabelName() {
        #expect(T.error("m{pid=\"<0.1.0>\",name=\"x\",pid=\"<0.2.0>\"} 1\n") == "1:26: duplicate label name \"pid\"")
        #expect(T.error("m{__name__=\"n\"} 1\n") == "1:3: duplicate label name \"__name__\"")
        #expect(T.error("m{b=\"1\",a=\"2\",b=\"3\",a=\"4\"} 1\n") == "1:15: duplicate label name \"b\"")
    }

    @Test func columnsCountCharactersNotBytes() {
        #expect(T.error("m{a=\"é→\",b} 1\n") == "1:11: expected \"=\" after label name \"b\"")
    }

    @Test func metadataErrors() {
        #expect(T.error("# TYPE m foo\n") == "1:10: unknown metric type \"foo\"; expected one of counter, gauge, histogram, summary, untyped")
        #expect(T.error("# TYPE m info\n") == "1:10: unknown metric type \"info\"; expected one of counter, gauge, histogram, summary, untyped")
        #expect(T.error("# TYPE m\n") == "1:9: expected metric type after \"m\"")
        #expect(T.error("# TYPE m gauge extra\n") == "1:16: expected end of line after metric type, found \"extra\"")
        #expect(T.error("# HELP\n") == "1:7: expected metric name after \"# HELP\"")
        #expect(T.error("# HELP 9m text\n") == "1:8: expected metric name after \"# HELP\"")
        #expect(T.error("# HELP m{ text\n") == "1:9: unexpected \"{\" in metric name")
        #expect(T.error("# UNIT m sec-onds\n# EOF\n", .openMetrics) == "1:13: expected end of line after unit, found \"-onds\"")
        #expect(T.error(bytes: Array("# HELP m ".utf8) + [0xFE] + [0x0A]) == "1:10: invalid UTF-8 in HELP text for \"m\"")
    }

    @Test func trailingText() {
        #expect(T.error("m 1 2 3\n") == "1:7: expected end of line after sample, found \"3\"")
        #expect(T.error("# EOF x\n", .openMetrics) == "1:7: expected end of line after \"# EOF\", found \"x\"")
    }

    @Test func longTokensAreShortenedInMessages() {
        let value = String(repeating: "9", count: 100) + "x"
        #expect(T.error("m \(value)\n") == "1:3: invalid sample value \"\(String(repeating: "9", count: 40))…\"; expected a number, NaN or ±Inf")
    }
}
