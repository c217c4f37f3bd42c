/// Writes JSON string literals, for outputs whose key order is part of the contract.
public enum JSONString {
    /// The value as a quoted, escaped JSON string.
    public static func quote(_ value: String) -> String {
        var out = "\""
        out.reserveCapacity(value.utf8.count + 2)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A label set as a JSON object, keys in label order.
    public static func object(_ labels: Labels) -> String {
        "{" + labels.map { "\(quote($0.name)):\(quote($0.value))" }.joined(separator: ",") + "}"
    }
}
