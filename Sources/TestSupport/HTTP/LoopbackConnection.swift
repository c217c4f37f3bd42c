import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection to an IPv4 loopback address, for speaking HTTP/1.1 by hand:
/// well-formed requests, keep-alive, pipelining, and the malformed bytes a real client
/// never sends.
public final class LoopbackConnection {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var isOpen = true

    /// Connects, with `timeout` applying to the connect and to every later receive.
    public init(host: String = "127.0.0.1", port: Int, timeout: Duration = .seconds(5)) throws(LoopbackHTTPError) {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw .connectFailed(errno: errno) }
        let micros = timeout.components.seconds * 1_000_000 + timeout.components.attoseconds / 1_000_000_000_000
        var limit = timeval(tv_sec: Int(micros / 1_000_000), tv_usec: Int(micros % 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, host, &address.sin_addr)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if result != 0 {
            let code = errno
            Glibc.close(fd)
            isOpen = false
            throw .connectFailed(errno: code)
        }
    }

    deinit { close() }

    /// Sends all bytes; a peer that has gone away is an error, never a SIGPIPE.
    public func send(_ bytes: [UInt8]) throws(LoopbackHTTPError) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent < 0 {
                if errno == EINTR { continue }
                throw .sendFailed(errno: errno)
            }
            offset += sent
        }
    }

    public func send(_ text: String) throws(LoopbackHTTPError) {
        try send(Array(text.utf8))
    }

    /// Sends `GET path` (keep-alive) and reads the response.
    public func get(_ path: String = "/metrics", closing: Bool = false) throws(LoopbackHTTPError) -> LoopbackHTTPResponse {
        try send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(closing ? "Connection: close\r\n" : "")\r\n")
        return try readResponse()
    }

    /// Reads one response: status line, header fields, and a `Content-Length` or chunked body
    /// (Go servers, such as Alertmanager's, chunk what they do not buffer whole).
    public func readResponse() throws(LoopbackHTTPError) -> LoopbackHTTPResponse {
        let headEnd = try fill { Self.find([13, 10, 13, 10], in: $0) }
        let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = head.components(separatedBy: "\r\n")
        let statusParts = lines.removeFirst().split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/1."), let status = Int(statusParts[1]) else {
            throw .malformedResponse("status line \(head.prefix(40))")
        }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw .malformedResponse("header \(line)") }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: [" ", "\t"])
        }
        if headers["transfer-encoding"]?.lowercased() == "chunked" {
            return LoopbackHTTPResponse(status: status, headers: headers, body: try readChunks())
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        _ = try fill { $0.count >= length ? length : nil }
        let body = Array(buffer[..<length])
        buffer.removeFirst(length)
        return LoopbackHTTPResponse(status: status, headers: headers, body: body)
    }

    /// Reads until the peer closes; true if it did (rather than the receive timing out).
    public func waitForClose() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count == 0 { return true }
            if count < 0 {
                if errno == EINTR { continue }
                return errno == ECONNRESET
            }
        }
    }

    public func close() {
        guard isOpen else { return }
        isOpen = false
        Glibc.close(fd)
    }

    /// A chunked body, up to its last (empty) chunk and the blank line after it.
    private func readChunks() throws(LoopbackHTTPError) -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let lineEnd = try fill { Self.find([13, 10], in: $0) }
            let sizeText = String(decoding: buffer[..<lineEnd], as: UTF8.self).prefix { $0 != ";" }
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else {
                throw .malformedResponse("chunk size \(sizeText.prefix(20))")
            }
            buffer.removeFirst(lineEnd + 2)
            if size == 0 {
                let trailerEnd = try fill { Self.find([13, 10], in: $0) }
                buffer.removeFirst(trailerEnd + 2)
                return body
            }
            _ = try fill { $0.count >= size + 2 ? size : nil }
            body.append(contentsOf: buffer[..<size])
            buffer.removeFirst(size + 2)
        }
    }

    /// Receives until `complete` finds what it needs in the buffer.
    private func fill(until complete: ([UInt8]) -> Int?) throws(LoopbackHTTPError) -> Int {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            if let found = complete(buffer) { return found }
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count == 0 { throw .closedByPeer }
            if count < 0 {
                switch errno {
                case EINTR: continue
                case EAGAIN, EWOULDBLOCK: throw .timedOut
                case ECONNRESET: throw .closedByPeer
                case let code: throw .receiveFailed(errno: code)
                }
            }
            buffer.append(contentsOf: chunk[..<count])
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<start + needle.count].elementsEqual(needle) {
            return start
        }
        return nil
    }
}

extension LoopbackConnection {
    /// One GET on a fresh connection, closed afterwards.
    public static func get(
        port: Int, path: String = "/metrics", host: String = "127.0.0.1", timeout: Duration = .seconds(5)
    ) throws(LoopbackHTTPError) -> LoopbackHTTPResponse {
        let connection = try LoopbackConnection(host: host, port: port, timeout: timeout)
        defer { connection.close() }
        return try connection.get(path, closing: true)
    }
}
