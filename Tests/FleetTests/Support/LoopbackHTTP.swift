import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A blocking HTTP/1.1 client over a raw loopback socket: small enough to trust, and it can tell
/// "connection refused" apart from every other failure, which the down-node test needs.
final class LoopbackConnection {
    struct Response {
        var status: Int
        /// Header names lowercased.
        var headers: [String: String]
        var body: [UInt8]
    }

    enum Failure: Error, Equatable {
        case refused
        case connectFailed(errno: Int32)
        case closedByPeer
        case malformedResponse(String)
    }

    private let socketDescriptor: Int32
    private var buffered: [UInt8] = []

    init(port: Int) throws(Failure) {
        #if canImport(Glibc)
        socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        socketDescriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(socketDescriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if result != 0 {
            let code = errno
            close(socketDescriptor)
            throw code == ECONNREFUSED ? .refused : .connectFailed(errno: code)
        }
    }

    deinit { close(socketDescriptor) }

    /// Sends `GET path` and reads one response, leaving the connection open unless asked to close it.
    func get(_ path: String, method: String = "GET", closeAfter: Bool = false) throws(Failure) -> Response {
        let request = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(closeAfter ? "Connection: close\r\n" : "")\r\n"
        let bytes = Array(request.utf8)
        let sent = bytes.withUnsafeBytes { send(socketDescriptor, $0.baseAddress, $0.count, 0) }
        guard sent == bytes.count else { throw .closedByPeer }
        return try readResponse()
    }

    /// True when the server has closed this connection (reading hits end of stream).
    func isClosedByPeer() -> Bool {
        var byte: UInt8 = 0
        return recv(socketDescriptor, &byte, 1, 0) == 0
    }

    private func readResponse() throws(Failure) -> Response {
        let headerEnd = Array("\r\n\r\n".utf8)
        var end: Int?
        while end == nil {
            end = firstIndex(of: headerEnd)
            if end == nil { try fill() }
        }
        guard let end else { throw .malformedResponse("no header end") }
        let head = String(decoding: buffered[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        buffered.removeFirst(end + headerEnd.count)
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw .malformedResponse(head[0]) }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { throw .malformedResponse(line) }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        guard let length = headers["content-length"].flatMap({ Int($0) }) else { throw .malformedResponse("no content-length") }
        while buffered.count < length { try fill() }
        let body = Array(buffered.prefix(length))
        buffered.removeFirst(length)
        return Response(status: status, headers: headers, body: body)
    }

    private func fill() throws(Failure) {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { recv(socketDescriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { throw .closedByPeer }
        buffered.append(contentsOf: chunk[..<count])
    }

    private func firstIndex(of pattern: [UInt8]) -> Int? {
        guard buffered.count >= pattern.count else { return nil }
        for start in 0...(buffered.count - pattern.count) where buffered[start..<(start + pattern.count)].elementsEqual(pattern) {
            return start
        }
        return nil
    }
}
