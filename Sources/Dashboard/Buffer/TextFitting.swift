/// How many terminal columns text takes: 2 for East Asian wide characters and emoji, 0 for
/// stray combining or invisible marks, 1 otherwise.
///
/// A small table of scalar ranges rather than the full Unicode data: close enough for process
/// and node names, and cheap enough to run for every cell of every frame.
public enum DisplayWidth {
    /// Columns one character takes. Control characters count as 1 because `Buffer` draws them as spaces.
    public static func of(_ character: Character) -> Int {
        if let ascii = character.asciiValue { return ascii == 0 ? 0 : 1 }
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if isZeroWidth(first.value) { return 0 }
        if isWide(first.value) { return 2 }
        // An emoji presentation selector turns a narrow symbol such as ❤ into a wide emoji.
        if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return 1
    }

    /// Columns a whole string takes.
    public static func of(_ text: String) -> Int {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.utf8.count }
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    static func isZeroWidth(_ value: UInt32) -> Bool {
        switch value {
        case 0x0300...0x036F, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2064, 0xFE00...0xFE0F, 0xFEFF:
            return true
        default:
            return false
        }
    }

    static func isWide(_ value: UInt32) -> Bool {
        if value < 0x1100 { return false }
        if value < 0x2E80 { return isWideSymbol(value) }
        switch value {
        case 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F64F,
             0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB, 0x1F900...0x1F9FF, 0x1FA70...0x1FAFF,
             0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Hangul Jamo and the symbols below U+2E80 that terminals draw as emoji by default.
    private static func isWideSymbol(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
             0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
             0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
             0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
             0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55:
            return true
        default:
            return false
        }
    }
}

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
    private static func prefix(_ text: String, columns: Int) -> String {
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

/// Where text sits in a column wider than it.
public enum TextAlignment: Hashable, Sendable {
    case left
    case right
    case center
}
