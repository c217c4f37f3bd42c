/// FNV-1a 64, the hash Prometheus uses for label sets, over the UTF-8 of strings.
public enum FNV1a {
    public static let offsetBasis: UInt64 = 14_695_981_039_346_656_037
    private static let prime: UInt64 = 1_099_511_628_211

    public static func add(_ byte: UInt8, to hash: inout UInt64) {
        hash = (hash ^ UInt64(byte)) &* prime
    }

    /// Adds a string's bytes and then the separator byte 0xFF, as label-set hashes do.
    public static func add(_ string: String, to hash: inout UInt64) {
        // The contiguous bytes when the string has them (native strings do): walking the
        // UTF-8 view byte by byte costs several times more.
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* prime }
        }
        if done == nil {
            for byte in string.utf8 { hash = (hash ^ UInt64(byte)) &* prime }
        }
        add(0xFF, to: &hash)
    }
}
