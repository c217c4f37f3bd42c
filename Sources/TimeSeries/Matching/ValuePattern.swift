/// How a label value is tested; the shapes selectors use most skip the regex engine.
enum ValuePattern: Sendable {
    case exactly(String)
    /// `a|b|c` with no other regex syntax.
    case oneOf(Set<String>)
    /// `.*`, which matches every value, newlines included.
    case anything
    /// `.+`
    case nonEmpty
    case regex(CompiledRegex)

    /// The pattern of a regular expression, or nil when it does not compile.
    init?(regex: String) {
        switch regex {
        case ".*": self = .anything
        case ".+": self = .nonEmpty
        case _ where !regex.unicodeScalars.contains(where: ValuePattern.isRegexSyntax):
            let alternatives = regex.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            self = alternatives.count == 1 ? .exactly(regex) : .oneOf(Set(alternatives))
        default:
            guard let compiled = RegexCache.regex(regex) else { return nil }
            self = .regex(compiled)
        }
    }

    func matches(_ value: String) -> Bool {
        switch self {
        case .exactly(let expected): value == expected
        case .oneOf(let expected): expected.contains(value)
        case .anything: true
        case .nonEmpty: !value.isEmpty
        case .regex(let regex): regex.matches(value)
        }
    }

    private static func isRegexSyntax(_ scalar: Unicode.Scalar) -> Bool {
        "\\.+*?()[]{}^$".unicodeScalars.contains(scalar)
    }
}
