internal import CSnappy

/// Snappy *block* compression, as remote write bodies use (not the framed stream format).
public enum Snappy {
    /// The compressed bytes of `input`.
    public static func compress(_ input: [UInt8]) -> [UInt8] {
        var length = snappy_max_compressed_length(input.count)
        var output = [UInt8](repeating: 0, count: length)
        // A non-empty buffer, so its base address is never nil; `count` says how much is input.
        let source = input.isEmpty ? [0] : input
        let status = source.withUnsafeBytes { from in
            output.withUnsafeMutableBytes { to in
                snappy_compress(
                    from.baseAddress!.assumingMemoryBound(to: CChar.self), input.count,
                    to.baseAddress!.assumingMemoryBound(to: CChar.self), &length)
            }
        }
        // Snappy only fails for a too-small buffer, which `snappy_max_compressed_length` rules out.
        precondition(status == SNAPPY_OK, "snappy_compress failed with a buffer of the documented size")
        output.removeSubrange(length...)
        return output
    }

    /// The original bytes of a snappy block, or nil when `input` is not one.
    public static func decompress(_ input: [UInt8]) -> [UInt8]? {
        guard !input.isEmpty else { return nil }
        return input.withUnsafeBytes { from -> [UInt8]? in
            let base = from.baseAddress!.assumingMemoryBound(to: CChar.self)
            var length = 0
            guard snappy_uncompressed_length(base, input.count, &length) == SNAPPY_OK, length <= 1 << 30 else { return nil }
            var output = [UInt8](repeating: 0, count: max(1, length))
            let status = output.withUnsafeMutableBytes { to in
                snappy_uncompress(base, input.count, to.baseAddress!.assumingMemoryBound(to: CChar.self), &length)
            }
            guard status == SNAPPY_OK else { return nil }
            output.removeSubrange(length...)
            return output
        }
    }
}
