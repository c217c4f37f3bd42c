/// A JSON document as a Prometheus-compatible API answers: parsed in one pass over the bytes.
///
/// The answers of `/api/v1/query` for a fleet run to tens of megabytes of small arrays, so this
/// reads bytes directly and keeps numbers as `Double`, rather than going through Foundation's
/// object graph. Objects keep their keys in document order.
enum APIJSON: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([APIJSON])
    case object([(key: String, value: APIJSON)])
    /// `[1764000590.5,"12"]`: a sample as the API writes it, kept without an array of its own,
    /// as a matrix of 20,000 series holds half a million of them.
    case sample(time: Double, value: String)

    /// The member named `key` of an object; nil for other values and missing keys.
    subscript(key: String) -> APIJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var array: [APIJSON]? {
        switch self {
        case .array(let items): items
        case .sample(let time, let value): [.number(time), .string(value)]
        default: nil
        }
    }

    var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// Parses a whole document; nil when the bytes are not JSON.
    static func parse(_ bytes: [UInt8]) -> APIJSON? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(bytes: buffer)
            guard let value = reader.value() else { return nil }
            reader.skipSpace()
            return reader.position == buffer.count ? value : nil
        }
    }

    /// A cursor over the bytes; every method leaves it after what it read, or returns nil.
    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        var depth = 0

        mutating func skipSpace() {
            while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x0A || bytes[position] == 0x0D || bytes[position] == 0x09 {
                position += 1
            }
        }

        mutating func value() -> APIJSON? {
            skipSpace()
            guard position < bytes.count else { return nil }
            switch bytes[position] {
            case UInt8(ascii: "{"): return object()
            case UInt8(ascii: "["): return array()
            case UInt8(ascii: "\""): return string().map(APIJSON.string)
            case UInt8(ascii: "t"): return literal("true", .bool(true))
            case UInt8(ascii: "f"): return literal("false", .bool(false))
            case UInt8(ascii: "n"): return literal("null", .null)
            default: return number()
            }
        }

        private mutating func literal(_ word: StaticString, _ value: APIJSON) -> APIJSON? {
            let count = word.utf8CodeUnitCount
            guard position + count <= bytes.count else { return nil }
            for offset in 0..<count where bytes[position + offset] != word.utf8Start[offset] { return nil }
            position += count
            return value
        }

        private mutating func object() -> APIJSON? {
            guard depth < 64 else { return nil }
            depth += 1
            defer { depth -= 1 }
            position += 1
            var members: [(key: String, value: APIJSON)] = []
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object(members)
            }
            while true {
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\""), let key = string() else { return nil }
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return nil }
                position += 1
                guard let member = value() else { return nil }
                members.append((key, member))
                skipSpace()
                guard position < bytes.count else { return nil }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                } else if bytes[position] == UInt8(ascii: "}") {
                    position += 1
                    return .object(members)
                } else {
                    return nil
                }
            }
        }

        private mutating func array() -> APIJSON? {
            guard depth < 64 else { return nil }
            depth += 1
            defer { depth -= 1 }
            if let pair = sample() { return pair }
            position += 1
            var items: [APIJSON] = []
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                return .array(items)
            }
            while true {
                guard let item = value() else { return nil }
                items.append(item)
                skipSpace()
                guard position < bytes.count else { return nil }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                } else if bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    return .array(items)
                } else {
                    return nil
                }
            }
        }

        /// A `[number,"string"]` pair at the opening bracket; nil (and the cursor where it was) otherwise.
        private mutating func sample() -> APIJSON? {
            let start = position
            position += 1
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]),
                case .number(let time) = number()
            {
                skipSpace()
                if position < bytes.count, bytes[position] == UInt8(ascii: ",") {
                    position += 1
                    skipSpace()
                    if position < bytes.count, bytes[position] == UInt8(ascii: "\""), let text = string() {
                        skipSpace()
                        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                            position += 1
                            return .sample(time: time, value: text)
                        }
                    }
                }
            }
            position = start
            return nil
        }

        private mutating func number() -> APIJSON? {
            let start = position
            while position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                    UInt8(ascii: "e"), UInt8(ascii: "E"):
                    position += 1
                default:
                    return number(bytes[start..<position])
                }
            }
            return number(bytes[start..<position])
        }

        private func number(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> APIJSON? {
            if let exact = DecimalText.value(text) { return .number(exact) }
            return Double(String(decoding: UnsafeBufferPointer(rebasing: text), as: UTF8.self)).map(APIJSON.number)
        }

        /// A string starting at the opening quote; plain runs are decoded in one step.
        mutating func string() -> String? {
            position += 1
            let start = position
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                    position += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") {
                    position = start
                    return escapedString()
                }
                position += 1
            }
            return nil
        }

        /// The slow path, for strings with escapes.
        private mutating func escapedString() -> String? {
            var scalars = String.UnicodeScalarView()
            var pending: [UInt8] = []
            func flush() {
                guard !pending.isEmpty else { return }
                scalars.append(contentsOf: String(decoding: pending, as: UTF8.self).unicodeScalars)
                pending.removeAll()
            }
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                if byte == UInt8(ascii: "\"") {
                    flush()
                    return String(scalars)
                }
                guard byte == UInt8(ascii: "\\") else {
                    pending.append(byte)
                    continue
                }
                guard position < bytes.count else { return nil }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "n"): pending.append(0x0A)
                case UInt8(ascii: "t"): pending.append(0x09)
                case UInt8(ascii: "r"): pending.append(0x0D)
                case UInt8(ascii: "b"): pending.append(0x08)
                case UInt8(ascii: "f"): pending.append(0x0C)
                case UInt8(ascii: "u"):
                    guard var code = hex4() else { return nil }
                    // A surrogate pair: two escapes make one scalar.
                    if (0xD800..<0xDC00).contains(code), position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                        bytes[position + 1] == UInt8(ascii: "u")
                    {
                        position += 2
                        guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    flush()
                    scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                default: pending.append(escape)
                }
            }
            return nil
        }

        private mutating func hex4() -> UInt32? {
            guard position + 4 <= bytes.count else { return nil }
            var code: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[position]
                position += 1
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: return nil
                }
                code = code << 4 | digit
            }
            return code
        }
    }
}
