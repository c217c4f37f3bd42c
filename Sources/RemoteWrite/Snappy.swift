internal import CSnappy

/// Snappy *block* compression, as remote write bodies use (not the framed stream format).
public enum Snappy {
    /// The compressed bytes of `input`.
    public static func compress(_ input: [UInt8]) -> [UInt8] {
        input.withUnsafeBytes { compress($0) }
    }

    /// The compressed bytes of `input`.
    public static func compress(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        var scratch: [UInt8] = []
        return compress(input, scratch: &scratch)
    }

    /// The compressed bytes of `input`, compressed in `scratch`, which keeps its size for the next
    /// call: a request's worst-case size is a few hundred kilobytes, which the allocator would map
    /// and fault in afresh for each batch.
    public static func compress(_ input: UnsafeRawBufferPointer, scratch: inout [UInt8]) -> [UInt8] {
        let capacity = snappy_max_compressed_length(input.count)
        if scratch.count < capacity { scratch = [UInt8](repeating: 0, count: capacity) }
        var length = capacity
        let status = scratch.withUnsafeMutableBytes { output in
            let to = output.baseAddress!.assumingMemoryBound(to: CChar.self)
            let source = input.baseAddress.map { UnsafePointer($0.assumingMemoryBound(to: CChar.self)) } ?? UnsafePointer(to)
            return snappy_compress(source, input.count, to, &length)
        }
        precondition(status == SNAPPY_OK, "snappy_compress failed with a buffer of the documented size")
        return Array(scratch[..<length])
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
