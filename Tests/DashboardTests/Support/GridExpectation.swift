import Dashboard
import Testing

/// Compares a buffer's rows with an expected grid written as a multi-line string literal.
/// Trailing blanks are ignored on both sides (editors strip them); everything else must match.
func expectGrid(_ buffer: Buffer, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let actual = buffer.lines.map(trimmingTrailingSpaces)
    let wanted = expected.split(separator: "\n", omittingEmptySubsequences: false).map { trimmingTrailingSpaces(String($0)) }
    #expect(actual.count == wanted.count, "row count", sourceLocation: sourceLocation)
    if actual != wanted {
        Issue.record("grid differs:\n\(actual.joined(separator: "\n"))\n--- expected:\n\(wanted.joined(separator: "\n"))",
                     sourceLocation: sourceLocation)
    }
}

func trimmingTrailingSpaces(_ line: String) -> String {
    var line = line
    while line.last == " " { line.removeLast() }
    return line
}
