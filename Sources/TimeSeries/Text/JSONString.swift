/// Writes JSON string literals, for outputs whose key order is part of the contract.
public enum JSONString {
    /// The value as a quoted, escaped JSON string.
    public static func quote(_ value: String) -> String { encode(value, asGo: false) }

    /// The value as Go's `encoding/json` writes it, which Prometheus's HTTP API answers with:
    /// HTML characters (`<`, `>`, `&`) and U+2028/U+2029 escaped, `\b` and `\f` by name.
    public static func goQuote(_ value: String) -> String { encode(value, asGo: true) }

    private static func encode(_ value: String, asGo: Bool) -> String {
        var out = "\""
        out.reserveCapacity(value.utf8.count + 2)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}" where asGo: out += "\\b"
            case "\u{0C}" where asGo: out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            // A `where` here would guard only the last pattern of the list.
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                if asGo { out += unicodeEscape(scalar.value) } else { out.unicodeScalars.append(scalar) }
            case _ where scalar.value < 0x20: out += unicodeEscape(scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private static func unicodeEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }

    /// A label set as a JSON object, keys in label order.
    public static func object(_ labels: Labels) -> String {
        "{" + labels.map { "\(quote($0.name)):\(quote($0.value))" }.joined(separator: ",") + "}"
    }
}
