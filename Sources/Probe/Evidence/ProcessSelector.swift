/// Which process to ask a node about: a pid (`<0.123.0>`, also written `0.123.0`) or a
/// registered name.
public enum ProcessSelector: Sendable, Hashable, CustomStringConvertible {
    case pid(String)
    case name(String)

    /// Reads what a user typed: anything starting with `<`, or made of digits and dots, is a
    /// pid (checked by the node, which answers 400 for a malformed one); the rest is a name.
    public init(_ text: String) {
        if text.hasPrefix("<") {
            self = .pid(text)
        } else if !text.isEmpty, text.allSatisfy({ $0.isNumber || $0 == "." }) {
            self = .pid("<\(text)>")
        } else {
            self = .name(text)
        }
    }

    public var description: String {
        switch self {
        case .pid(let pid): pid
        case .name(let name): name
        }
    }

    /// `pid=%3C0.123.0%3E` or `name=chat_router`, percent-encoded.
    var query: String {
        switch self {
        case .pid(let pid): "pid=" + Self.percentEncoded(pid)
        case .name(let name): "name=" + Self.percentEncoded(name)
        }
    }

    /// Everything but RFC 3986's unreserved characters is encoded.
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                let hex = Array("0123456789ABCDEF")
                out += "%\(hex[Int(byte >> 4)])\(hex[Int(byte & 0xF)])"
            }
        }
        return out
    }
}
