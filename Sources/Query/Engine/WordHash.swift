/// A hash of label names and values for grouping series within one query, eight bytes at a
/// time: match and aggregation groups hash every series' labels, and FNV's byte-at-a-time
/// multiply chain made that most of a join's cost. Never shown or stored, so it need not be
/// Prometheus's hash; equal groups are still confirmed by comparing labels.
struct WordHash {
    private(set) var value: UInt64 = 0x243F_6A88_85A3_08D3

    /// Adds a string's UTF-8 bytes and its length, so `ab`+`c` and `a`+`bc` differ.
    mutating func add(_ string: String) {
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { bytes in add(UnsafeRawBufferPointer(bytes)) }
        if done == nil { Array(string.utf8).withUnsafeBytes { add($0) } }
    }

    private mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset + 8 <= bytes.count {
            mix(bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        var tail = UInt64(bytes.count) << 56
        for index in offset..<bytes.count { tail |= UInt64(bytes[index]) << (8 * UInt64(index - offset)) }
        mix(tail)
    }

    private mutating func mix(_ word: UInt64) {
        value = (value ^ word) &* 0x9E37_79B9_7F4A_7C15
        value ^= value >> 31
    }
}
