import Testing
import TimeSeries

@Suite struct LabelMatcherTests {
    @Test func regexesAreFullyAnchored() throws {
        let matcher = try LabelMatcher("name", .regexMatch, "chat.*")
        #expect(matcher.matches("chat_router"))
        #expect(!matcher.matches("my_chat_router"))
        let partial = try LabelMatcher("name", .regexMatch, "rout")
        #expect(!partial.matches("router"))
    }

    @Test func dotMatchesNewlines() throws {
        #expect(try LabelMatcher("x", .regexMatch, "a.b").matches("a\nb"))
    }

    @Test func missingLabelIsEmpty() throws {
        let labels = Labels(["__name__": "q"])
        #expect(try LabelMatcher("name", .regexMatch, "").matches(labels))
        #expect(try LabelMatcher("name", .notEqual, "x").matches(labels))
        #expect(!LabelMatcher.equal("name", "x").matches(labels))
        #expect(try LabelMatcher("name", .regexNoMatch, ".+").matchesEmpty)
    }

    @Test func reportsABadRegex() {
        #expect(throws: LabelMatcherError.self) { try LabelMatcher("x", .regexMatch, "(unclosed") }
    }
}
