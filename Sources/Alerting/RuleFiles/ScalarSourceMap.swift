import ConfigFile

/// Maps a position inside a YAML scalar's value (such as the column of a PromQL error inside
/// `expr`) back to a line and column of the file.
///
/// The value and the file text are walked together: characters that match map one to one,
/// escapes in quoted scalars map to their backslash, and line breaks that YAML folded into a
/// space or newline move on to the next line's content (past its indentation for `|` and `>`).
struct ScalarSourceMap {
    /// The file position of each Unicode scalar of the value, and one for its end.
    private var positions: [(line: Int, column: Int)] = []

    /// Lines of the file, each as Unicode scalars (YAML counts columns in scalars).
    typealias SourceLines = [[Unicode.Scalar]]

    static func lines(of text: String) -> SourceLines {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            Array((line.last == "\r" ? line.dropLast() : line).unicodeScalars)
        }
    }

    init(node: YAMLNode, value: String, lines: SourceLines) {
        let scalars = Array(value.unicodeScalars)
        let style = node.scalarStyle ?? .plain
        var line = node.line - 1
        var column = node.column - 1
        var blockIndent = 0
        switch style {
        case .singleQuoted, .doubleQuoted:
            column += 1
        case .literal, .folded:
            (line, column, blockIndent) = ScalarSourceMap.blockStart(after: line, header: column, lines: lines)
        case .plain:
            break
        }
        let isBlock = style == .literal || style == .folded
        var index = 0
        while index < scalars.count {
            guard line >= 0, line < lines.count else { break }
            let source = lines[line]
            if column >= source.count {
                // The source line ended: YAML turned the break into a space or newline.
                positions.append((line + 1, column + 1))
                if scalars[index] == " " || scalars[index] == "\n" { index += 1 }
                line += 1
                column = 0
                guard line < lines.count else { break }
                if isBlock {
                    column = min(blockIndent, lines[line].count)
                } else {
                    while column < lines[line].count, lines[line][column] == " " || lines[line][column] == "\t" { column += 1 }
                }
                continue
            }
            let character = source[column]
            positions.append((line + 1, column + 1))
            if style == .doubleQuoted, character == "\\" {
                column += ScalarSourceMap.escapeLength(source, at: column)
            } else if style == .singleQuoted, character == "'", column + 1 < source.count, source[column + 1] == "'" {
                column += 2
            } else {
                column += 1
            }
            index += 1
        }
        positions.append((line + 1, column + 1))
    }

    /// The file position of a UTF-8 byte offset into the value.
    func position(utf8Offset offset: Int, in value: String) -> (line: Int, column: Int) {
        let prefix = value.utf8.prefix(max(0, offset))
        let scalarIndex = String(decoding: prefix, as: UTF8.self).unicodeScalars.count
        return positions[min(scalarIndex, positions.count - 1)]
    }

    /// The first content line of a `|` or `>` block, its column, and the block's indentation.
    private static func blockStart(after headerLine: Int, header: Int, lines: SourceLines) -> (Int, Int, Int) {
        var explicit: Int?
        if headerLine >= 0, headerLine < lines.count {
            for scalar in lines[headerLine].dropFirst(header + 1) {
                if let digit = Int(String(scalar)), digit > 0 { explicit = digit }
                if scalar == " " || scalar == "#" { break }
            }
        }
        var line = headerLine + 1
        while line < lines.count, lines[line].allSatisfy({ $0 == " " }) { line += 1 }
        guard line < lines.count else { return (headerLine, header, 0) }
        let indent = explicit.map { $0 + parentIndent(lines[headerLine]) } ?? lines[line].prefix { $0 == " " }.count
        // Blank lines before the content are newlines of the value, so start the walk at the first line.
        return (headerLine + 1, min(indent, lines[headerLine + 1].count), indent)
    }

    private static func parentIndent(_ line: [Unicode.Scalar]) -> Int { line.prefix { $0 == " " }.count }

    /// How many source scalars a double-quoted escape such as `\n`, `\x41` or `\u00e9` spans.
    private static func escapeLength(_ source: [Unicode.Scalar], at column: Int) -> Int {
        guard column + 1 < source.count else { return 1 }
        switch source[column + 1] {
        case "x": return 4
        case "u": return 6
        case "U": return 10
        default: return 2
        }
    }
}
