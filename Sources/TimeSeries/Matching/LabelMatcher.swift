/// One condition on a label, as in a PromQL selector: `name="v"`, `name!="v"`, `name=~"re"`, `name!~"re"`.
///
/// Regexes are fully anchored and `.` matches newlines, as in Prometheus; they are compiled once,
/// and the shapes selectors use most (`a|b`, `.*`, `.+`) skip the regex engine. A missing label
/// counts as "".
public struct LabelMatcher: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case equal = "="
        case notEqual = "!="
        case regexMatch = "=~"
        case regexNoMatch = "!~"
    }

    public let name: String
    public let kind: Kind
    public let value: String
    private let pattern: ValuePattern

    /// Builds a matcher; throws when a regex does not compile.
    public init(_ name: String, _ kind: Kind, _ value: String) throws(LabelMatcherError) {
        self.name = name
        self.kind = kind
        self.value = value
        switch kind {
        case .equal, .notEqual:
            pattern = .exactly(value)
        case .regexMatch, .regexNoMatch:
            guard let compiled = ValuePattern(regex: value) else {
                throw LabelMatcherError(pattern: value, reason: "invalid regular expression")
            }
            pattern = compiled
        }
    }

    /// An equality matcher, which cannot fail.
    public static func equal(_ name: String, _ value: String) -> LabelMatcher {
        LabelMatcher(name: name, kind: .equal, value: value, pattern: .exactly(value))
    }

    private init(name: String, kind: Kind, value: String, pattern: ValuePattern) {
        self.name = name
        self.kind = kind
        self.value = value
        self.pattern = pattern
    }

    /// Whether a label value (or "" for a missing label) satisfies the matcher.
    public func matches(_ labelValue: String) -> Bool {
        let hit = pattern.matches(labelValue)
        return kind == .equal || kind == .regexMatch ? hit : !hit
    }

    /// Whether a series' labels satisfy the matcher.
    public func matches(_ labels: Labels) -> Bool { matches(labels[name] ?? "") }

    /// True when the matcher accepts series that lack the label, so an index of label pairs cannot answer it alone.
    public var matchesEmpty: Bool { matches("") }

    /// `job=~"chat.*"`, as Prometheus prints a matcher.
    public var description: String { "\(name)\(kind.rawValue)\"\(Labels.escape(value))\"" }

    public static func == (lhs: LabelMatcher, rhs: LabelMatcher) -> Bool {
        lhs.name == rhs.name && lhs.kind == rhs.kind && lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(kind)
        hasher.combine(value)
    }
}

/// A regex in a matcher that does not compile.
public struct LabelMatcherError: Error, Sendable, Equatable, CustomStringConvertible {
    public var pattern: String
    public var reason: String
    public var description: String { "error parsing regexp: \(reason): `\(pattern)`" }
}
