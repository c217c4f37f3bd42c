import TimeSeries

extension Parser {
    /// `name`, `name{…}` or `{…}`; the current token is the brace or what follows the name.
    mutating func parseVectorSelector(name: String?, position: Int) throws(QueryError) -> Node {
        var matchers: [LabelMatcher] = []
        if current.kind == .leftBrace { matchers = try parseLabelMatchers() }
        if let name { matchers.append(try matcher(.equal, Labels.metricName, name, at: position)) }
        return .vectorSelector(VectorSelector(name: name, matchers: matchers, position: position))
    }

    /// `{label="value", "quoted label"=~"…", "metric name"}`
    private mutating func parseLabelMatchers() throws(QueryError) -> [LabelMatcher] {
        advance()
        var matchers: [LabelMatcher] = []
        while current.kind != .rightBrace {
            matchers.append(try parseLabelMatcher())
            if current.kind == .comma {
                advance()
            } else if current.kind != .rightBrace {
                throw unexpected(in: "label matching", expected: "\",\" or \"}\"")
            }
        }
        advance()
        return matchers
    }

    private mutating func parseLabelMatcher() throws(QueryError) -> LabelMatcher {
        let nameToken = current
        let name: String
        switch nameToken.kind {
        case .identifier:
            name = nameToken.text
        case .string:
            name = nameToken.stringValue
        default:
            throw unexpected(in: "label matching", expected: "identifier or \"}\"")
        }
        advance()
        let kind: LabelMatcher.Kind
        switch current.kind {
        case .equals: kind = .equal
        case .binary(.notEqual): kind = .notEqual
        case .regexMatch: kind = .regexMatch
        case .regexNoMatch: kind = .regexNoMatch
        case _ where nameToken.kind == .string:
            // A quoted name alone is the metric name, Prometheus 3's syntax for names with dots.
            return try matcher(.equal, Labels.metricName, name, at: nameToken.offset)
        default:
            throw unexpected(in: "label matching", expected: "label matching operator")
        }
        advance()
        guard current.kind == .string else { throw unexpected(in: "label matching", expected: "string") }
        let value = current.stringValue
        advance()
        return try matcher(kind, name, value, at: nameToken.offset)
    }

    private func matcher(
        _ kind: LabelMatcher.Kind, _ name: String, _ value: String, at offset: Int
    ) throws(QueryError) -> LabelMatcher {
        do {
            return try LabelMatcher(name, kind, value)
        } catch {
            throw .parse(position(of: offset), error.description)
        }
    }
}
