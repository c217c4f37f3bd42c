/// A fast 64-bit hash of bytes, for interning names and telling series apart.
///
/// It is not seeded and not collision-proof: every user compares the real values when two hashes meet.
enum ByteHash {
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var state = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: bytes.count)
        guard let base = bytes.baseAddress else { return mix(state) }
        let raw = UnsafeRawPointer(base)
        var index = 0
        if bytes.count >= 32 {
            // Four independent lanes keep the multiplier busy on long inputs (series texts); a
            // single chain waits out each multiply's latency.
            var lanes = (state, state ^ 0x632B_E59B_D9B4_E019, state ^ 0x9E37_79B9_7F4A_7C15, state ^ 0xD6E8_FEB8_6659_FD93)
            while index + 32 <= bytes.count {
                lanes.0 = lane(lanes.0, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                lanes.1 = lane(lanes.1, raw.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self))
                lanes.2 = lane(lanes.2, raw.loadUnaligned(fromByteOffset: index + 16, as: UInt64.self))
                lanes.3 = lane(lanes.3, raw.loadUnaligned(fromByteOffset: index + 24, as: UInt64.self))
                index += 32
            }
            state = (mix(lanes.0) ^ mix(lanes.1 &+ 1)) &+ (mix(lanes.2 &+ 2) ^ mix(lanes.3 &+ 3))
        }
        while index + 8 <= bytes.count {
            state = (state ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            state ^= state >> 31
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count {
            tail |= UInt64(base[index]) << shift
            shift += 8
            index += 1
        }
        return mix(state ^ tail)
    }

    @inline(__always)
    private static func lane(_ state: UInt64, _ word: UInt64) -> UInt64 {
        let multiplied = (state ^ word) &* 0xBF58_476D_1CE4_E5B9
        return multiplied ^ (multiplied >> 31)
    }

    /// The SplitMix64 finalizer: spreads every input bit over the whole result.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var x = value
        x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
        return x ^ (x >> 31)
    }

    /// The hash of one label, from the hashes of its name and value; asymmetric so `a="b"` differs from `b="a"`.
    @inline(__always)
    static func label(name: UInt64, value: UInt64) -> UInt64 {
        mix(name ^ (value &* 0x9E37_79B9_7F4A_7C15 &+ 0x632B_E59B_D9B4_E019))
    }
}
