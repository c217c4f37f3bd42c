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
        if value == 0 {
            bits.write(0, count: 1)
            return
        }
        let last = widths.count - 1
        for (index, width) in widths.enumerated() {
            let limit = width == 64 ? Int64.max : (Int64(1) << Int64(width - 1))
            guard width == 64 || (value >= -limit && value < limit) else { continue }
            // index + 1 ones, then a zero unless this is the widest bucket.
            let ones = index + 1
            if index == last {
                bits.write((1 << UInt64(ones)) - 1, count: ones)
            } else {
                bits.write(((1 << UInt64(ones)) - 1) << 1, count: ones + 1)
            }
            bits.write(UInt64(bitPattern: value), count: width)
            return
        }
    }

    func read(from bits: inout BitReader) -> Int64? {
        guard let ones = bits.readOnes(limit: widths.count) else { return nil }
        if ones == 0 { return 0 }
        let width = widths[ones - 1]
        guard let raw = bits.read(width) else { return nil }
        if width == 64 { return Int64(bitPattern: raw) }
        // Sign-extend the width-bit two's complement number.
        let shift = UInt64(64 - width)
        return Int64(bitPattern: raw << shift) >> Int64(shift)
    }

    /// The code of a staleness marker where a stream marks them: the narrowest bucket's most
    /// negative number, which such a stream writes in the next bucket instead.
    var staleMarker: Int64 { -(Int64(1) << Int64(widths[0] - 1)) }

    /// Writes a change in a stream that marks staleness: `nil` is a marker.
    func writeMarked(_ value: Int64?, to bits: inout BitWriter) {
        guard let value else {
            // "10" and the narrowest width's most negative number.
            bits.write(0b10, count: 2)
            bits.write(UInt64(bitPattern: staleMarker), count: widths[0])
            return
        }
        guard value == staleMarker else { return write(value, to: &bits) }
        bits.write(0b110, count: 3)
        bits.write(UInt64(bitPattern: value), count: widths[1])
    }

    /// Reads a change of a stream that marks staleness: `.some(nil)` is a marker, nil malformed input.
    func readMarked(from bits: inout BitReader) -> Int64?? {
        guard let ones = bits.readOnes(limit: widths.count) else { return nil }
        if ones == 0 { return .some(0) }
        let width = widths[ones - 1]
        guard let raw = bits.read(width) else { return nil }
        if width == 64 { return Int64(bitPattern: raw) }
        let shift = UInt64(64 - width)
        let value = Int64(bitPattern: raw << shift) >> Int64(shift)
        return ones == 1 && value == staleMarker ? .some(nil) : value
    }
}
