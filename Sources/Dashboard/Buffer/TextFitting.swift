/// Fitting text into a number of columns: truncating with an ellipsis and padding to align.
public enum TextFitting {
    /// `text` cut to at most `width` columns, ending in `ellipsis` when anything was cut.
    public static func truncated(_ text: String, toWidth width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        let ellipsisWidth = DisplayWidth.of(ellipsis)
        guard ellipsisWidth <= width else { return prefix(ellipsis, columns: width) }
        return prefix(text, columns: width - ellipsisWidth) + ellipsis
    }

    /// `text` truncated to `width` and padded with spaces to exactly `width` columns.
    public static func aligned(_ text: String, width: Int, alignment: TextAlignment, ellipsis: String = "…") -> String {
        let fitted = truncated(text, toWidth: width, ellipsis: ellipsis)
        let gap = max(0, width - DisplayWidth.of(fitted))
        switch alignment {
        case .left: return fitted + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + fitted
        case .center:
            return String(repeating: " ", count: gap / 2) + fitted + String(repeating: " ", count: gap - gap / 2)
        }
    }

    /// The longest start of `text` that fits in `columns`.
    static func prefix(_ text: String, columns: Int) -> String {
        var used = 0
        var result = ""
        for character in text {
            let next = DisplayWidth.of(character)
            if used + next > columns { break }
            result.append(character)
            used += next
        }
        return result
    }
}
