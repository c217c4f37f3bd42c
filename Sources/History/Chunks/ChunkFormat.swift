/// The header of an encoded chunk: a format byte, the sample count and the first timestamp.
///
/// Layout: `format` (high nibble: 1 = decimal values, 2 = XOR values, 3 = decimal values with
/// staleness markers; low nibble: the decimal scale), `count` as an unsigned varint, the first
/// timestamp as a zigzag varint, then one bit stream. Sample 0 has only its value in the stream;
/// each later sample has its timestamp delta-of-delta (`BucketCode.timestamps`) and then its
/// value: in decimal mode the change of the scaled integer (`BucketCode.values`), in XOR mode
/// Gorilla's XOR with the previous value.
///
/// Format 3 exists because series that come and go (pids leaving an exporter's top K) end each
/// stay with a staleness marker, a NaN no decimal holds: without it, one marker turned the whole
/// chunk to XOR, several bytes a sample. There the narrowest bucket's most negative change is
/// the marker (`BucketCode.staleMarker`), and the scaled value carries on from before it.
/// Chunks without a marker keep format 1, which earlier versions read.
///
/// Formats 4, 5 and 6 are 1, 2 and 3 with a `tick` after the first timestamp (an unsigned
/// varint, milliseconds): every timestamp delta is a multiple of it, and the stream holds
/// delta-of-deltas in ticks. An agent stamps samples on its interval grid, so a series that
/// vanishes for a few polls and comes back (a pid leaving the exporter's list for a while) costs
/// a few bits for the gap instead of two 14-bit millisecond counts.
struct ChunkFormat: Equatable, Sendable {
    enum ValueMode: Equatable, Sendable {
        /// Values are integers times 10^-scale, coded as changes; with `marksStaleness`, a
        /// reserved change codes a staleness marker.
        case decimal(scale: Int, marksStaleness: Bool = false)
        /// Values are any doubles, coded as XORs with the previous one.
        case xor
    }

    var mode: ValueMode
    var count: Int
    var firstTimestamp: Int64
    /// The unit of timestamp deltas in the stream, in milliseconds; 1 in formats 1 to 3.
    var tick: Int64 = 1

    var formatByte: UInt8 {
        let ticked: UInt8 = tick == 1 ? 0 : 0x30
        return switch mode {
        case .decimal(let scale, let marks): ((marks ? 0x30 : 0x10) + ticked) | UInt8(scale)
        case .xor: 0x20 + ticked
        }
    }

    func appendHeader(to bytes: inout [UInt8]) {
        bytes.append(formatByte)
        ByteCoding.appendUnsigned(UInt64(count), to: &bytes)
        ByteCoding.appendSigned(firstTimestamp, to: &bytes)
        if tick != 1 { ByteCoding.appendUnsigned(UInt64(tick), to: &bytes) }
    }

    /// Reads a header; returns it and where the bit stream starts, or nil when the bytes are not a chunk.
    static func read(_ bytes: [UInt8]) -> (format: ChunkFormat, streamStart: Int)? {
        guard let first = bytes.first else { return nil }
        let mode: ValueMode
        let kind = first >> 4
        let ticked = kind >= 4
        switch ticked ? kind - 3 : kind {
        case 1 where Int(first & 0x0F) <= DecimalScale.maxScale: mode = .decimal(scale: Int(first & 0x0F))
        case 2 where first & 0x0F == 0: mode = .xor
        case 3 where Int(first & 0x0F) <= DecimalScale.maxScale: mode = .decimal(scale: Int(first & 0x0F), marksStaleness: true)
        default: return nil
        }
        var reader = ByteReader(bytes, position: 1)
        guard let count = reader.unsigned(), count > 0, count <= UInt64(bytes.count) * 8,
            let firstTimestamp = reader.signed()
        else { return nil }
        var tick: Int64 = 1
        if ticked {
            guard let stored = reader.unsigned(), stored > 1, stored <= UInt64(Int32.max) else { return nil }
            tick = Int64(stored)
        }
        return (ChunkFormat(mode: mode, count: Int(count), firstTimestamp: firstTimestamp, tick: tick), reader.position)
    }
}
