/// Takes credentials out of URLs before they reach a message, a log line or an error.
public enum URLRedaction {
    /// The URL without its `user:password@` part; unchanged when it has none.
    ///
    /// `http://scraper:hunter2@node1:9199/metrics` becomes `http://node1:9199/metrics`.
    public static func removingUserInfo(from url: String) -> String {
        let authority = authorityRange(in: url)
        guard let at = url[authority].lastIndex(of: "@") else { return url }
        return String(url[..<authority.lowerBound]) + String(url[url.index(after: at)...])
    }

    /// The host a URL names, without user info, port or IPv6 brackets; nil when there is none.
    public static func host(of url: String) -> String? {
        var authority = Substring(url[authorityRange(in: url)])
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        if authority.first == "[" {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            let host = authority[authority.index(after: authority.startIndex)..<close]
            return host.isEmpty ? nil : String(host)
        }
        let host = authority.prefix { $0 != ":" }
        return host.isEmpty ? nil : String(host)
    }

    /// The password in the URL's `user:password@` part, if it has one.
    static func password(in url: String) -> String? {
        let authority = url[authorityRange(in: url)]
        guard let at = authority.lastIndex(of: "@") else { return nil }
        let userInfo = authority[..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return nil }
        return String(userInfo[userInfo.index(after: colon)...])
    }

    /// Where `scheme://` ends and the path, query or fragment begins.
    private static func authorityRange(in url: String) -> Range<String.Index> {
        let start = url.firstRange(of: "://")?.upperBound ?? url.startIndex
        let end = url[start...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? url.endIndex
        return start..<end
    }
}
