public import Foundation

/// A regular expression compiled the way Prometheus compiles label regexes: fully anchored, with
/// `.` matching newlines.
///
/// `@unchecked Sendable` because `NSRegularExpression` is immutable once built and documented as
/// safe to use from several threads at once.
// Unchecked: `NSRegularExpression` is immutable once built and thread-safe, and the class has no other state.
public final class CompiledRegex: @unchecked Sendable {
    private let expression: NSRegularExpression
    /// Names of the `(?P<name>…)` groups, so a replacement template only asks for groups that exist.
    public let groupNames: Set<String>

    public init?(_ pattern: String) {
        // ICU spells Go's `(?P<name>` as `(?<name>`; it anchors with `\z` because ICU's `$` would
        // also match before a trailing newline, where Go's does not.
        let translated = pattern.replacingOccurrences(of: "(?P<", with: "(?<")
        guard
            let expression = try? NSRegularExpression(
                pattern: "^(?:" + translated + ")\\z", options: [.dotMatchesLineSeparators])
        else { return nil }
        self.expression = expression
        groupNames = CompiledRegex.groupNames(in: translated)
    }

    public func matches(_ text: String) -> Bool { match(text) != nil }

    /// The match of the whole text, with its groups, or nil.
    public func match(_ text: String) -> NSTextCheckingResult? {
        expression.firstMatch(in: text, options: [.anchored], range: NSRange(text.startIndex..., in: text))
    }

    private static func groupNames(in pattern: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(pattern)
        while let open = rest.range(of: "(?<") {
            rest = rest[open.upperBound...]
            if let close = rest.firstIndex(of: ">") { names.insert(String(rest[..<close])) }
        }
        return names
    }
}
