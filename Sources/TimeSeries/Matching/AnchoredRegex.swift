import Foundation

/// A compiled, fully anchored regular expression in which `.` also matches newlines.
final class AnchoredRegex: @unchecked Sendable {
    private let expression: NSRegularExpression
    /// Set when the pattern has no metacharacters, so matching is a plain comparison.
    private let literal: String?

    init(_ pattern: String) throws(LabelMatcherError) {
        do {
            expression = try NSRegularExpression(pattern: "^(?:\(pattern))$", options: [.dotMatchesLineSeparators])
        } catch {
            throw LabelMatcherError(pattern: pattern, reason: "\(error.localizedDescription)")
        }
        let metacharacters = Set("\\^$.|?*+()[]{}")
        literal = pattern.contains(where: { metacharacters.contains($0) }) ? nil : pattern
    }

    func matches(_ value: String) -> Bool {
        if let literal { return value == literal }
        let range = NSRange(value.startIndex..<value.endIndex, in: value)
        return expression.firstMatch(in: value, options: [.anchored], range: range) != nil
    }
}
