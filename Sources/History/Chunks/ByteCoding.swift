/// Variable-length integers (LEB128) and zigzag signs, for headers, label blobs and tail rows,
/// and for protobuf's varints (the same encoding).
public enum ByteCoding {
    public static func appendUnsigned(_ value: UInt64, to bytes: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Writes `value` as a varint at `pointer` and moves past it, for encoders that write into
    /// memory sized beforehand (at most 10 bytes a varint).
    @inlinable
    public static func writeUnsigned(_ value: UInt64, at pointer: inout UnsafeMutablePointer<UInt8>) {
        var rest = value
        while rest >= 0x80 {
            pointer.pointee = UInt8(truncatingIfNeeded: rest) | 0x80
            pointer += 1
            rest >>= 7
        }
        pointer.pointee = UInt8(rest)
        pointer += 1
    }

    static func appendSigned(_ value: Int64, to bytes: inout [UInt8]) {
        appendUnsigned(zigzag(value), to: &bytes)
    }

    static func zigzag(_ value: Int64) -> UInt64 { UInt64(bitPattern: (value << 1) ^ (value >> 63)) }
    static func unzigzag(_ value: UInt64) -> Int64 { Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1) }

    static func appendDouble(_ value: Double, to bytes: inout [UInt8]) {
        var bits = value.bitPattern
        for _ in 0..<8 {
            bytes.append(UInt8(truncatingIfNeeded: bits))
            bits >>= 8
        }
    }

    static func appendString(_ value: String, to bytes: inout [UInt8]) {
        let utf8 = Array(value.utf8)
        appendUnsigned(UInt64(utf8.count), to: &bytes)
        bytes.append(contentsOf: utf8)
    }
}

/// Reads what `ByteCoding` wrote; every read returns nil rather than trapping on short or bad data.
struct ByteReader {
    let bytes: [UInt8]
    private(set) var position: Int

    init(_ bytes: [UInt8], position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    var isAtEnd: Bool { position >= bytes.count }

    mutating func unsigned() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while position < bytes.count, shift < 64 {
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }

    mutating func signed() -> Int64? { unsigned().map(ByteCoding.unzigzag) }

    mutating func double() -> Double? {
        guard position + 8 <= bytes.count else { return nil }
        var bits: UInt64 = 0
        for index in (0..<8).reversed() { bits = (bits << 8) | UInt64(bytes[position + index]) }
        position += 8
        return Double(bitPattern: bits)
    }

    mutating func string() -> String? {
        guard let count = unsigned(), count <= UInt64(bytes.count - position) else { return nil }
        let end = position + Int(count)
        defer { position = end }
        return String(decoding: bytes[position..<end], as: UTF8.self)
    }

    mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, position + count <= bytes.count else { return false }
        position += count
        return true
    }
}
