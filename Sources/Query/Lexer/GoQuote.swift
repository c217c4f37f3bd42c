/// Quotes text the way Go's `%q` does, so messages read exactly like Prometheus's.
public enum GoQuote {
    /// `"text"` with backslash escapes.
    public static func string(_ text: String) -> String {
        "\"" + escaped(text.unicodeScalars, quote: "\"") + "\""
    }

    /// `'c'`, Go's `%q` of a rune.
    static func rune(_ scalar: Unicode.Scalar) -> String {
        "'" + escaped(CollectionOfOne(scalar), quote: "'") + "'"
    }

    /// `U+0071 'q'`, Go's `%#U`.
    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + " " + rune(scalar)
    }

    private static func escaped(_ scalars: some Sequence<Unicode.Scalar>, quote: Unicode.Scalar) -> String {
        var out = ""
        for scalar in scalars {
            switch scalar {
            case quote, "\\": out += "\\" + String(scalar)
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0B}": out += "\\v"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                out += "\\x" + (hex.count < 2 ? "0" : "") + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
