extension Token {
    /// How Prometheus names a token in "unexpected …" messages: `"}"`, `identifier "foo"`,
    /// `<op:+>`, `<by>`, `<aggr:sum>`, `end of input`.
    var errorDescription: String {
        switch kind {
        case .endOfInput: "end of input"
        case .error: text
        case .identifier: "identifier " + quotedText
        case .metricIdentifier: "metric identifier " + quotedText
        case .number: "number " + quotedText
        case .duration: "duration " + quotedText
        case .string: "string " + quotedText
        case .binary, .regexMatch, .regexNoMatch, .at: "<op:\(text)>"
        case .aggregation: "<aggr:\(text)>"
        case .keyword(.start), .keyword(.end): quotedText
        case .keyword: "<\(text)>"
        case .leftParen, .rightParen, .leftBrace, .rightBrace, .leftBracket, .rightBracket,
            .comma, .equals, .colon:
            quotedText
        }
    }

    /// The text quoted, cut to ten characters plus `...` when longer, as Prometheus prints items.
    private var quotedText: String {
        let scalars = text.unicodeScalars
        guard scalars.count > 10 else { return GoQuote.string(text) }
        var prefix = String.UnicodeScalarView()
        prefix.append(contentsOf: scalars.prefix(10))
        return GoQuote.string(String(prefix)) + "..."
    }
}
