/// Reads bits most significant first from a byte slice, failing cleanly at the end of the data.
struct BitReader {
    private let bytes: [UInt8]
    private var position: Int
    private let end: Int
    /// The byte read past the end of `bytes`: an open `BitWriter`'s partial last byte, read in
    /// place so decoding a head does not copy its bytes.
    private let trailing: UInt8

    /// Reads `bytes[start...]` as a bit stream.
    init(_ bytes: [UInt8], start: Int) {
        self.bytes = bytes
        position = start * 8
        end = bytes.count * 8
        trailing = 0
    }

    /// Reads what `writer` wrote so far, its partial last byte padded with zero bits.
    init(_ writer: BitWriter) {
        bytes = writer.bytes
        position = 0
        let partial = writer.partialByte
        end = (bytes.count + (partial == nil ? 0 : 1)) * 8
        trailing = partial ?? 0
    }

    /// The next `count` bits (0...64) as an unsigned number, or nil past the end.
    mutating func read(_ count: Int) -> UInt64? {
        guard count > 0 else { return 0 }
        guard position + count <= end else { return nil }
        var value: UInt64 = 0
        var remaining = count
        while remaining > 0 {
            let index = position >> 3
            let byte = index < bytes.count ? bytes[index] : trailing
            let offset = position & 7
            let available = 8 - offset
            let take = min(available, remaining)
            let shifted = (UInt64(byte) >> UInt64(available - take)) & ((1 << UInt64(take)) - 1)
            value = (value << UInt64(take)) | shifted
            remaining -= take
            position += take
        }
        return value
    }

    mutating func readBit() -> Bool? { read(1).map { $0 == 1 } }

    /// How many leading one bits follow, up to `limit`, consuming them and the terminating zero if any.
    mutating func readOnes(limit: Int) -> Int? {
        var ones = 0
        while ones < limit {
            guard let bit = readBit() else { return nil }
            if !bit { return ones }
            ones += 1
        }
        return ones
    }
}
