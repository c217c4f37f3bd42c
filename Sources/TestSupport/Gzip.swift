import CZlib
import Synchronization

/// gzip bodies for test servers: ordinary compressed bodies and decompression bombs.
public enum Gzip {
    /// `bytes` as one gzip member.
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
        var stream = z_stream()
        guard backlog_deflate_init_gzip(&stream, level) == Z_OK else { fatalError("zlib deflateInit2 failed") }
        defer { deflateEnd(&stream) }
        return deflate(bytes, stream: &stream, flush: Z_FINISH)
    }

    /// A gzip member that inflates to `inflatedBytes` zeros (rounded up to whole MiB) while
    /// being about a thousandth of that size: 1 GiB inflates from about 1 MB.
    ///
    /// Built in milliseconds and cached, because deflating a GiB of zeros for real takes seconds.
    public static func bomb(inflatedBytes: Int) -> [UInt8] {
        let chunks = max(1, (inflatedBytes + bombChunkSize - 1) / bombChunkSize)
        if let cached = bombs.withLock({ $0[chunks] }) { return cached }
        let bomb = makeBomb(chunks: chunks)
        bombs.withLock { $0[chunks] = bomb }
        return bomb
    }

    private static let bombChunkSize = 1 << 20
    private static let bombs = Mutex<[Int: [UInt8]]>([:])

    private static func makeBomb(chunks: Int) -> [UInt8] {
        let zeros = [UInt8](repeating: 0, count: bombChunkSize)
        var stream = z_stream()
        guard backlog_deflate_init_raw(&stream, 9) == Z_OK else { fatalError("zlib deflateInit2 failed") }
        defer { deflateEnd(&stream) }
        // One chunk compressed from an empty history and closed with a full flush is a
        // byte-aligned run of deflate blocks that refers only to itself, so repeating those
        // bytes is a valid stream that inflates to the chunk repeated.
        let chunkBlocks = deflate(zeros, stream: &stream, flush: Z_FULL_FLUSH)
        let finalBlock = deflate([], stream: &stream, flush: Z_FINISH)

        let chunkCRC = zeros.withUnsafeBufferPointer { crc32(0, $0.baseAddress, UInt32($0.count)) }
        var crc = crc32(0, nil, 0)
        for _ in 0..<chunks {
            crc = crc32_combine(crc, chunkCRC, bombChunkSize)
        }
        let inflatedSize = UInt32(truncatingIfNeeded: chunks * bombChunkSize)

        var member: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3]  // gzip header: deflate, no name, Unix
        member.reserveCapacity(member.count + chunks * chunkBlocks.count + finalBlock.count + 8)
        for _ in 0..<chunks {
            member += chunkBlocks
        }
        member += finalBlock
        member += littleEndian(UInt32(truncatingIfNeeded: crc)) + littleEndian(inflatedSize)
        return member
    }

    private static func littleEndian(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    /// Feeds all of `input` through `stream` with `flush` and returns what comes out.
    private static func deflate(_ input: [UInt8], stream: inout z_stream, flush: Int32) -> [UInt8] {
        var input = input
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = UInt32(inputBuffer.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { chunkBuffer in
                    stream.next_out = chunkBuffer.baseAddress
                    stream.avail_out = UInt32(chunkBuffer.count)
                    return CZlib.deflate(&stream, flush)
                }
                let produced = chunk.count - Int(stream.avail_out)
                output += chunk[..<produced]
                // Done when zlib has finished, or (for a flush) when it had room to spare.
                if status == Z_STREAM_END || (flush != Z_FINISH && stream.avail_out > 0 && stream.avail_in == 0) {
                    break
                }
                precondition(status == Z_OK || status == Z_BUF_ERROR, "zlib deflate failed: \(status)")
            }
        }
        return output
    }
}
