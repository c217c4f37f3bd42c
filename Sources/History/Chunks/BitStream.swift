/// Appends bits most significant first into bytes; the Gorilla streams are built from it.
struct BitWriter: Sendable {
    private(set) var bytes: [UInt8] = []
    /// Bits not yet moved into `bytes`, kept in the low `pendingCount` bits.
    private var pending: UInt64 = 0
    private var pendingCount = 0

    init() {}

    /// Bits written so far.
    var bitCount: Int { bytes.count * 8 + pendingCount }

    /// Writes the low `count` bits of `value` (0...64), most significant first.
    mutating func write(_ value: UInt64, count: Int) {
        guard count > 0 else { return }
        if count > 32 {
            write(value >> 32, count: count - 32)
            write(value & 0xFFFF_FFFF, count: 32)
            return
        }
        let masked = value & ((1 << UInt64(count)) - 1)
        pending = (pending << UInt64(count)) | masked
        pendingCount += count
        while pendingCount >= 8 {
            pendingCount -= 8
            bytes.append(UInt8(truncatingIfNeeded: pending >> UInt64(pendingCount)))
        }
        pending &= (1 << UInt64(pendingCount)) - 1
    }

    /// The last partial byte padded with zero bits, or nil when the bits fill whole bytes.
    var partialByte: UInt8? {
        pendingCount > 0 ? UInt8(truncatingIfNeeded: pending << UInt64(8 - pendingCount)) : nil
    }

    /// The bytes with the last partial byte padded with zero bits, leaving the writer unchanged.
    var finishedBytes: [UInt8] {
        guard let partialByte else { return bytes }
        var out = bytes
        out.append(partialByte)
        return out
    }
}

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
