import CCurl

/// libcurl's process-wide setup, run once before the first handle exists.
enum CurlGlobal {
    /// Runs `curl_global_init` the first time it is called, from any thread.
    static func initialize() {
        _ = initialized
    }

    /// A static's initializer runs exactly once, under the runtime's once-lock, which makes
    /// the (not thread-safe in older libcurls) global init safe to reach from many threads.
    private static let initialized: Bool = backlog_global_init() == CURLE_OK
}
