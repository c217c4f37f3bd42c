/// The header of an encoded chunk: a format byte, the sample count and the first timestamp.
///
/// Layout: `format` (high nibble: 1 = decimal values, 2 = XOR values; low nibble: the decimal
/// scale), `count` as an unsigned varint, the first timestamp as a zigzag varint, then one bit
/// stream. Sample 0 has only its value in the stream; each later sample has its timestamp
/// delta-of-delta (`BucketCode.timestamps`) and then its value: in decimal mode the change of
/// the scaled integer (`BucketCode.values`), in XOR mode Gorilla's XOR with the previous value.
struct ChunkFormat: Equatable, Sendable {
    enum ValueMode: Equatable, Sendable {
        /// Values are integers times 10^-scale, coded as changes.
        case decimal(scale: Int)
        /// Values are any doubles, coded as XORs with the previous one.
        case xor
    }

    var mode: ValueMode
    var count: Int
    var firstTimestamp: Int64

    var formatByte: UInt8 {
        switch mode {
        case .decimal(let scale): 0x10 | UInt8(scale)
        case .xor: 0x20
        }
    }

    func appendHeader(to bytes: inout [UInt8]) {
        bytes.append(formatByte)
        ByteCoding.appendUnsigned(UInt64(count), to: &bytes)
        ByteCoding.appendSigned(firstTimestamp, to: &bytes)
    }

    /// Reads a header; returns it and where the bit stream starts, or nil when the bytes are not a chunk.
    static func read(_ bytes: [UInt8]) -> (format: ChunkFormat, streamStart: Int)? {
        guard let first = bytes.first else { return nil }
        let mode: ValueMode
        switch first >> 4 {
        case 1 where Int(first & 0x0F) <= DecimalScale.maxScale: mode = .decimal(scale: Int(first & 0x0F))
        case 2 where first & 0x0F == 0: mode = .xor
        default: return nil
        }
        var reader = ByteReader(bytes, position: 1)
        guard let count = reader.unsigned(), count > 0, count <= UInt64(bytes.count) * 8,
            let firstTimestamp = reader.signed()
        else { return nil }
        return (ChunkFormat(mode: mode, count: Int(count), firstTimestamp: firstTimestamp), reader.position)
    }
}
