import CCurl

/// The DNS and connection caches of one origin (`scheme://host:port`), shared by the easy
/// handles that request it.
///
/// libcurl walks a handle's whole connection cache when the handle leaves the multi handle, and
/// its whole DNS cache when a transfer ends. With the multi handle's caches, shared by every
/// target, finishing n transfers costs n² steps; with a cache per origin it costs n, and requests
/// to the same origin still reuse each other's connections.
final class CurlOriginCache {
    /// The libcurl share handle.
    let share: UnsafeMutableRawPointer
    let origin: String

    init?(origin: String) {
        guard let share = curl_share_init() else { return nil }
        self.share = share
        self.origin = origin
        _ = backlog_share_setopt_share(share, CURL_LOCK_DATA_DNS)
        _ = backlog_share_setopt_share(share, CURL_LOCK_DATA_CONNECT)
    }

    /// Closes the cached connections; every easy handle that used the share is gone by then,
    /// since each holds this object.
    deinit {
        curl_share_cleanup(share)
    }

    /// `scheme://userinfo@host:port` of a URL: everything before its path, query or fragment.
    static func origin(of url: String) -> String {
        guard let separator = url.range(of: "://") else { return url }
        let end = url[separator.upperBound...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? url.endIndex
        return String(url[..<end])
    }
}
