import CCurl
import TimeSeries

/// The libcurl multi handle behind a `CurlTransport`, and the easy handles it keeps per key.
///
/// Transfers are driven through libcurl's multi-socket API: one wait on the sockets libcurl
/// asked for, then `curl_multi_socket_action` for the ready ones only (see `CurlSocketWatch`).
///
/// Connections live in per-origin caches (`CurlOriginCache`) held by the easy handles, so keeping
/// an easy handle per request key alive between calls is what lets the next scrape of a target
/// reuse its connection.
final class CurlMultiSession {
    private let multi: UnsafeMutableRawPointer
    /// What libcurl asked to be woken for; it outlives the multi handle, which calls into it.
    private let sockets = CurlSocketWatch()
    /// Easy handles not in use, by request key. A key requested twice in one call gets two.
    private var idleHandles: [String: [CurlEasyHandle]] = [:]
    /// The caches of the origins kept handles request, by origin.
    private var originCaches: [String: CurlOriginCache] = [:]

    /// Handles unused for this long belong to targets that went away; they are dropped.
    private static let idleHandleLifetimeNanoseconds: UInt64 = 300 * 1_000_000_000
    /// How long past the longest per-request timeout the loop waits before giving up on
    /// libcurl's own timers; a guard that should never fire.
    private static let deadlineMarginMilliseconds: Int64 = 2_000
    /// The longest single wait for sockets; libcurl's next timer shortens it.
    private static let maxPollMilliseconds: Int64 = 1_000

    init() {
        CurlGlobal.initialize()
        guard let multi = curl_multi_init() else {
            fatalError("libcurl could not allocate a multi handle (out of memory)")
        }
        self.multi = multi
        sockets.install(on: multi)
    }

    deinit {
        // Every easy handle was removed from the multi handle when its transfer ended, so the
        // order libcurl asks for holds: easy handles first, then the multi handle.
        idleHandles.removeAll()
        originCaches.removeAll()
        curl_multi_cleanup(multi)
    }

    /// Runs `requests` concurrently until each has finished or timed out.
    func perform(_ requests: [HTTPRequestSpec]) -> [Result<HTTPResponse, TransportError>] {
        let startedAt = MonotonicClock.nanoseconds()
        dropHandlesIdle(before: startedAt)

        var results = [Result<HTTPResponse, TransportError>?](repeating: nil, count: requests.count)
        var running: [UnsafeMutableRawPointer: (index: Int, handle: CurlEasyHandle)] = [:]
        var checkedOut: [(key: String, handle: CurlEasyHandle)] = []
        var longestTimeoutMilliseconds: Int64 = 0
        sizeConnectionCache(forRequests: requests.count)

        for (index, spec) in requests.enumerated() {
            guard let handle = checkOutHandle(for: spec) else {
                results[index] = .failure(Self.setupError(spec, "libcurl could not allocate a handle (out of memory)"))
                continue
            }
            checkedOut.append((spec.key, handle))
            if let error = handle.prepare(spec, startedAt: startedAt) {
                results[index] = .failure(error)
                continue
            }
            let added = curl_multi_add_handle(multi, handle.easy)
            guard added == CURLM_OK else {
                results[index] = .failure(Self.setupError(spec, "libcurl refused the request: \(Self.describe(added))"))
                continue
            }
            running[handle.easy] = (index, handle)
            longestTimeoutMilliseconds = max(longestTimeoutMilliseconds, handle.timeoutMilliseconds)
        }

        let deadline = startedAt + UInt64(longestTimeoutMilliseconds + Self.deadlineMarginMilliseconds) * 1_000_000
        var code = CURLM_OK
        var stillRunning: Int32 = 0
        while !running.isEmpty {
            collectFinished(&running, into: &results)
            if running.isEmpty { break }

            let now = MonotonicClock.nanoseconds()
            if code != CURLM_OK {
                abandon(&running, into: &results, at: now, reason: "libcurl failed: \(Self.describe(code))")
                break
            }
            if now >= deadline {
                abandon(&running, into: &results, at: now, reason: nil)
                break
            }
            var waitMilliseconds = min(Self.maxPollMilliseconds, Int64((deadline - now) / 1_000_000) + 1)
            if let timer = sockets.timerDeadline {
                waitMilliseconds = timer <= now ? 0 : min(waitMilliseconds, Int64((timer - now + 999_999) / 1_000_000))
            }
            for (socket, readiness) in sockets.wait(milliseconds: Int32(waitMilliseconds)) where code == CURLM_OK {
                code = curl_multi_socket_action(multi, socket, readiness, &stillRunning)
            }
            // Adding a handle sets a timer due at once, which is what starts its transfer.
            if code == CURLM_OK, let timer = sockets.timerDeadline, MonotonicClock.nanoseconds() >= timer {
                sockets.timerDeadline = nil
                code = curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &stillRunning)
            }
        }

        for (key, handle) in checkedOut {
            idleHandles[key, default: []].append(handle)
        }
        return results.map { $0! }
    }

    /// Hands out a kept handle for the request's key, or a new one.
    private func checkOutHandle(for spec: HTTPRequestSpec) -> CurlEasyHandle? {
        if let handle = idleHandles[spec.key]?.popLast() {
            if idleHandles[spec.key]?.isEmpty == true { idleHandles[spec.key] = nil }
            // A key whose URL moved to another origin gets a handle with that origin's caches.
            if handle.lastURL == spec.url || handle.originCache?.origin == CurlOriginCache.origin(of: spec.url) {
                return handle
            }
        }
        let origin = CurlOriginCache.origin(of: spec.url)
        if originCaches[origin] == nil { originCaches[origin] = CurlOriginCache(origin: origin) }
        return CurlEasyHandle(originCache: originCaches[origin])
    }

    private func dropHandlesIdle(before now: UInt64) {
        guard now > Self.idleHandleLifetimeNanoseconds else { return }
        let cutoff = now - Self.idleHandleLifetimeNanoseconds
        guard idleHandles.values.contains(where: { $0.contains { $0.lastUsedNanoseconds < cutoff } }) else { return }
        idleHandles = idleHandles.compactMapValues { handles in
            let kept = handles.filter { $0.lastUsedNanoseconds >= cutoff }
            return kept.isEmpty ? nil : kept
        }
        let used = Set(idleHandles.values.joined().compactMap { $0.originCache?.origin })
        originCaches = originCaches.filter { used.contains($0.key) }
    }

    /// By default libcurl sizes its connection cache from the handles of the current call and
    /// closes the oldest idle connections beyond that, so a small call (one webhook POST) would
    /// close the kept connections of every scrape target. Size it for all kept handles instead.
    private func sizeConnectionCache(forRequests requestCount: Int) {
        let keptHandles = idleHandles.values.reduce(0) { $0 + $1.count }
        let size = max(64, 2 * (keptHandles + requestCount))
        _ = backlog_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, size)
    }

    /// Records the result of every transfer libcurl reports as done.
    private func collectFinished(
        _ running: inout [UnsafeMutableRawPointer: (index: Int, handle: CurlEasyHandle)],
        into results: inout [Result<HTTPResponse, TransportError>?]
    ) {
        var queued: Int32 = 0
        var finished: [UnsafeMutableRawPointer] = []
        while let message = curl_multi_info_read(multi, &queued) {
            var code = CURLE_OK
            guard let easy = backlog_multi_done_handle(message, &code),
                  let entry = running.removeValue(forKey: easy)
            else { continue }
            results[entry.index] = entry.handle.finish(code, at: MonotonicClock.nanoseconds())
            finished.append(easy)
        }
        // Removing a handle walks the messages still queued, looking for its own: read them all
        // first, or finishing n transfers at once costs n² steps.
        for easy in finished { curl_multi_remove_handle(multi, easy) }
    }

    /// Ends transfers libcurl did not finish in time (or could not drive), as timeouts.
    private func abandon(
        _ running: inout [UnsafeMutableRawPointer: (index: Int, handle: CurlEasyHandle)],
        into results: inout [Result<HTTPResponse, TransportError>?],
        at now: UInt64,
        reason: String?
    ) {
        for (easy, entry) in running {
            curl_multi_remove_handle(multi, easy)
            results[entry.index] = entry.handle.abandon(at: now, reason: reason)
        }
        running.removeAll()
    }

    private static func setupError(_ spec: HTTPRequestSpec, _ reason: String) -> TransportError {
        TransportError(kind: .other, url: URLRedaction.removingUserInfo(from: spec.url), reason: reason)
    }

    private static func describe(_ code: CURLMcode) -> String {
        curl_multi_strerror(code).map { String(cString: $0) } ?? "multi error \(code.rawValue)"
    }
}
