import CCrypt
import Foundation
import Synchronization

/// Checks `Authorization: Basic` against the bcrypt hashes of `web.basic_auth_users`, as
/// Prometheus's web config does: libxcrypt's `crypt_r` hashes the offered password with the
/// stored hash's salt and cost, and the two are compared in constant time.
///
/// bcrypt is slow on purpose (tens of milliseconds at cost 10), and Grafana sends the same
/// credentials with every panel's query, so a credential that passed is remembered while its
/// hash stays the same. Passwords are never logged.
final class BasicAuth: Sendable {
    /// Credentials that passed: the header value and the hash they passed against.
    private let passed = Mutex<Set<String>>([])
    /// Remembered credentials at most; a flood of distinct good ones only costs rehashing.
    private static let capacity = 256

    /// Whether the request's `Authorization` header names a configured user with the right password.
    func allows(_ authorization: String?, users: [String: String]) -> Bool {
        guard let authorization, let offered = Self.credentials(authorization), let hash = users[offered.user] else {
            // Hash anyway, so an unknown user takes as long to refuse as a wrong password.
            if let any = users.values.first { _ = Self.matches(password: "", hash: any) }
            return false
        }
        let key = hash + "\u{0}" + authorization
        if passed.withLock({ $0.contains(key) }) { return true }
        guard Self.matches(password: offered.password, hash: hash) else { return false }
        passed.withLock { passed in
            if passed.count >= Self.capacity { passed.removeAll() }
            passed.insert(key)
        }
        return true
    }

    /// The user and password of a `Basic` header value.
    static func credentials(_ header: String) -> (user: String, password: String)? {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic",
            let data = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
            let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }

    /// Whether bcrypt of `password` with the salt and cost in `hash` gives `hash`.
    static func matches(password: String, hash: String) -> Bool {
        let state = UnsafeMutablePointer<crypt_data>.allocate(capacity: 1)
        defer {
            // The state holds the password's hash and key schedule: cleared before it is freed.
            memset(state, 0, MemoryLayout<crypt_data>.size)
            state.deallocate()
        }
        memset(state, 0, MemoryLayout<crypt_data>.size)
        guard let result = crypt_r(password, hash, state) else { return false }
        let computed = Array(String(cString: result).utf8)
        return constantTimeEqual(computed, Array(hash.utf8))
    }

    /// Equal bytes, in a time that depends only on the lengths.
    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}
