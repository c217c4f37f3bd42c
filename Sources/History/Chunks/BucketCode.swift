/// Signed integers coded with a unary bucket prefix: `0` for zero, then `10`, `110`, … each
/// followed by the number in that bucket's width, the last prefix (all ones) without its zero.
///
/// Gorilla uses this for delta-of-delta timestamps; the decimal value mode uses it for deltas.
struct BucketCode: Sendable {
    /// Payload widths in bits, narrowest first; the last must be 64.
    let widths: [Int]

    /// Timestamp delta-of-delta in milliseconds: small jitter, a missed tick, minutes, days, anything.
    static let timestamps = BucketCode(widths: [7, 14, 20, 32, 64])
    /// Changes of a scaled gauge: a few messages, hundreds, tens of thousands, larger.
    static let values = BucketCode(widths: [4, 8, 16, 32, 64])

    func write(_ value: Int64, to bits: inout BitWriter) {
        write(value, from: 0, to: &bits)
    }

    func read(from bits: inout BitReader) -> Int64? {
        readBucket(from: &bits)?.value
    }

    /// The code of a staleness marker where a stream marks them: the narrowest bucket's most
    /// negative number, which such a stream writes in the next bucket instead.
    var staleMarker: Int64 { -(Int64(1) << Int64(widths[0] - 1)) }

    /// Writes a change in a stream that marks staleness: `nil` is a marker.
    func writeMarked(_ value: Int64?, to bits: inout BitWriter) {
        guard let value else { return writeInBucket(staleMarker, index: 0, to: &bits) }
        write(value, from: value == staleMarker ? 1 : 0, to: &bits)
    }

    /// Reads a change of a stream that marks staleness: `.some(nil)` is a marker, nil malformed input.
    func readMarked(from bits: inout BitReader) -> Int64?? {
        guard let (bucket, value) = readBucket(from: &bits) else { return nil }
        return bucket == 0 && value == staleMarker ? .some(nil) : value
    }

    /// Writes `value` in the narrowest bucket from `first` on that holds it.
    private func write(_ value: Int64, from first: Int, to bits: inout BitWriter) {
        if value == 0 {
            bits.write(0, count: 1)
            return
        }
        for index in first..<widths.count {
            let width = widths[index]
            let limit = width == 64 ? Int64.max : (Int64(1) << Int64(width - 1))
            guard width == 64 || (value >= -limit && value < limit) else { continue }
            return writeInBucket(value, index: index, to: &bits)
        }
    }

    /// The bucket's prefix — index + 1 ones, then a zero unless it is the widest — then `value` in its width.
    private func writeInBucket(_ value: Int64, index: Int, to bits: inout BitWriter) {
        let ones = index + 1
        if index == widths.count - 1 {
            bits.write((1 << UInt64(ones)) - 1, count: ones)
        } else {
            bits.write(((1 << UInt64(ones)) - 1) << 1, count: ones + 1)
        }
        bits.write(UInt64(bitPattern: value), count: widths[index])
    }

    /// The bucket a number was written in (-1 for zero) and the number; nil for malformed input.
    private func readBucket(from bits: inout BitReader) -> (bucket: Int, value: Int64)? {
        guard let ones = bits.readOnes(limit: widths.count) else { return nil }
        if ones == 0 { return (-1, 0) }
        let width = widths[ones - 1]
        guard let raw = bits.read(width) else { return nil }
        if width == 64 { return (ones - 1, Int64(bitPattern: raw)) }
        // Sign-extend the width-bit two's complement number.
        let shift = UInt64(64 - width)
        return (ones - 1, Int64(bitPattern: raw << shift) >> Int64(shift))
    }
}
