#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ports on 127.0.0.1 for tests that need an address nobody serves.
public enum LoopbackPort {
    /// A port nothing listens on, so a connection to it is refused.
    ///
    /// Chosen below Linux's ephemeral range (32768–60999) and checked free by binding it: servers
    /// bound to port 0 and client sockets, in this process or beside it, take ports from that
    /// range, so they cannot claim this one in the moment between the check and its use.
    public static func unused() -> Int {
        for _ in 0..<1000 {
            let port = Int.random(in: 20_000..<32_768)
            if isFree(port) { return port }
        }
        preconditionFailure("no free port on 127.0.0.1 between 20000 and 32767")
    }

    static func isFree(_ port: Int) -> Bool {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        precondition(fd >= 0, "socket() failed: \(errno)")
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 }
        }
    }
}
