/// What a `LoopbackHTTPServer` does with one request; each test programs its own.
public indirect enum LoopbackBehavior: Sendable {
    /// Answers with this status, headers and body. A `Content-Length` is added unless the
    /// headers already carry one or ask for `Transfer-Encoding: chunked`.
    case respond(status: Int, headers: [(String, String)], body: [UInt8])
    /// Answers with the body gzip-compressed and `Content-Encoding: gzip`.
    case respondGzip(status: Int, headers: [(String, String)], body: [UInt8])
    /// Answers with `count` bytes of `LoopbackBehavior.filler`, streamed in chunks so a large
    /// body never sits in the server's memory, and stops early if the client goes away.
    case respondBytes(count: Int, status: Int, headers: [(String, String)])
    /// Answers with a small gzip body that inflates to `inflatedBytes` zeros (rounded up to a MiB).
    case gzipBomb(inflatedBytes: Int)
    /// Sends the head with the full `Content-Length`, then one byte of `body` per `interval`.
    case drip(body: [UInt8], interval: Duration)
    /// Reads the request and never answers.
    case hang
    /// Closes the connection without answering.
    case close
    /// Waits, then behaves as `then`.
    case delayed(Duration, then: LoopbackBehavior)

    /// A 200 with a text body, by default in the Prometheus text format.
    public static func ok(_ text: String, contentType: String = "text/plain; version=0.0.4; charset=utf-8") -> Self {
        .respond(status: 200, headers: [("Content-Type", contentType)], body: Array(text.utf8))
    }

    /// An answer with this status and a short text body.
    public static func status(_ code: Int, _ text: String = "") -> Self {
        .respond(status: code, headers: [("Content-Type", "text/plain")], body: Array(text.utf8))
    }

    /// The bytes `respondBytes` sends: lines of 63 letters, so a body is easy to check and print.
    /// The pattern repeats every 832 bytes (64 × 13).
    public static func filler(count: Int) -> [UInt8] {
        (0..<count).map(fillerByte(at:))
    }

    static func fillerByte(at offset: Int) -> UInt8 {
        offset % 64 == 63 ? UInt8(ascii: "\n") : UInt8(ascii: "a") + UInt8(offset % 26)
    }
}
