#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether output may carry color codes.
public enum ColorMode: Hashable, Sendable {
    case color
    /// Colors dropped (https://no-color.org); bold, dim, reverse and underline are still sent,
    /// since highlighting by attribute is not color.
    case noColor

    /// `.noColor` when the `NO_COLOR` environment variable is set to anything, `.color` otherwise.
    public static func fromEnvironment() -> ColorMode {
        getenv("NO_COLOR") == nil ? .color : .noColor
    }

    /// `style` as this mode draws it.
    public func effective(_ style: Style) -> Style {
        self == .color ? style : style.withoutColors
    }
}

/// A buffer as printable text, for output that is not a full-screen frame (`backlog history`
/// printing a chart to a terminal or a pipe).
public enum AnsiText {
    /// Rows joined with newlines, trailing blanks trimmed. When `styled`, each run of a style
    /// starts with its SGR code and each styled row ends with a reset; otherwise no escape
    /// codes at all.
    public static func render(_ buffer: Buffer, styled: Bool) -> String {
        var rows: [String] = []
        for y in 0..<buffer.height {
            var bytes: [UInt8] = []
            var current = Style.plain
            var lastVisible = 0
            var lastVisibleStyle = Style.plain
            for x in 0..<buffer.width {
                let cell = buffer[x: x, y: y]
                if cell.isWideContinuation { continue }
                if styled { StyleTransition.append(from: current, to: cell.style, to: &bytes) }
                current = styled ? cell.style : .plain
                bytes.append(contentsOf: cell.character.utf8)
                if cell.character != " " || current != .plain {
                    lastVisible = bytes.count
                    lastVisibleStyle = current
                }
            }
            bytes.removeSubrange(lastVisible...)
            if lastVisibleStyle != .plain { bytes.append(contentsOf: ControlSequence.resetStyle) }
            rows.append(String(decoding: bytes, as: UTF8.self))
        }
        return rows.joined(separator: "\n")
    }
}
