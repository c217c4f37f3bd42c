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
