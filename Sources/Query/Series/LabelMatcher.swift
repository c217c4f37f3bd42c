/// One condition of a selector: a label compared with a value by `=`, `!=`, `=~` or `!~`.
///
/// A series without the label reads as having it with the empty value, as in Prometheus.
public struct LabelMatcher: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case equal = "="
        case notEqual = "!="
        case regexMatch = "=~"
        case regexNoMatch = "!~"
    }

    public let kind: Kind
    public let name: String
    public let value: String
    private let pattern: ValuePattern

    /// Compiles regexes once, here: fully anchored, `.` matching newlines.
    public init(_ kind: Kind, _ name: String, _ value: String) throws(QueryError) {
        self.kind = kind
        self.name = name
        self.value = value
        switch kind {
        case .equal, .notEqual:
            pattern = .exactly(value)
        case .regexMatch, .regexNoMatch:
            guard let compiled = ValuePattern(regex: value) else {
                throw .evaluation("error parsing regexp: invalid regular expression: `\(value)`")
            }
            pattern = compiled
        }
    }

    public func matches(_ value: String) -> Bool {
        let hit = pattern.matches(value)
        return kind == .equal || kind == .regexMatch ? hit : !hit
    }

    /// `job=~"chat.*"`, as Prometheus prints a matcher.
    public var description: String { name + kind.rawValue + GoQuote.string(value) }

    public static func == (lhs: LabelMatcher, rhs: LabelMatcher) -> Bool {
        lhs.kind == rhs.kind && lhs.name == rhs.name && lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(name)
        hasher.combine(value)
    }
}
