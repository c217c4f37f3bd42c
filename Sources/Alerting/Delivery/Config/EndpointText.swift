/// What may be said about a receiver's URL in logs and errors: its scheme and host, never the
/// path, query or user info, where keys and tokens live.
public enum EndpointText {
    /// `https://hooks.slack.com/services/T0/B0/XYZ` becomes `https://hooks.slack.com`.
    public static func schemeAndHost(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return "<invalid url>" }
        let scheme = url[..<schemeEnd.lowerBound]
        var authority = url[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        return "\(scheme)://\(authority)"
    }

    /// Removes every occurrence of `secrets` from a message (a transport error, say), so text
    /// that quotes a URL cannot carry its key onward.
    public static func scrub(_ message: String, removing secrets: [String]) -> String {
        var out = message
        for secret in secrets where secret.count >= 4 { out = out.replacingOccurrences(of: secret, with: "<secret>") }
        return out
    }
}
