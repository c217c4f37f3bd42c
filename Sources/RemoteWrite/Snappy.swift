internal import CSnappy

/// Snappy *block* compression, as remote write bodies use (not the framed stream format).
public enum Snappy {
    /// The compressed bytes of `input`.
    public static func compress(_ input: [UInt8]) -> [UInt8] {
        var length = snappy_max_compressed_length(input.count)
        var output = [UInt8](repeating: 0, count: length)
        let status = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                source.withMemoryRebound(to: CChar.self) { from in
                    target.withMemoryRebound(to: CChar.self) { to in
                        snappy_compress(from.baseAddress ?? "", input.count, to.baseAddress, &length)
                    }
                }
            }
        }
        // Snappy only fails for a too-small buffer, which `snappy_max_compressed_length` rules out.
        precondition(status == SNAPPY_OK, "snappy_compress failed with a buffer of the documented size")
        output.removeSubrange(length...)
        return output
    }

    /// The original bytes of a snappy block, or nil when `input` is not one.
    public static func decompress(_ input: [UInt8]) -> [UInt8]? {
        input.withUnsafeBufferPointer { source -> [UInt8]? in
            source.withMemoryRebound(to: CChar.self) { from -> [UInt8]? in
                let base = from.baseAddress ?? ""
                var length = 0
                guard snappy_uncompressed_length(base, input.count, &length) == SNAPPY_OK, length <= 1 << 30
                else { return nil }
                var output = [UInt8](repeating: 0, count: length)
                let status = output.withUnsafeMutableBufferPointer { target in
                    target.withMemoryRebound(to: CChar.self) { to in snappy_uncompress(base, input.count, to.baseAddress, &length) }
                }
                guard status == SNAPPY_OK else { return nil }
                output.removeSubrange(length...)
                return output
            }
        }
    }
}
