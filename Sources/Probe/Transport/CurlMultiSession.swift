import CCurl
import TimeSeries

/// The libcurl multi handle behind a `CurlTransport`, and the easy handles it keeps per key.
///
/// The multi handle owns the connection cache, so keeping it (and an easy handle per request
/// key) alive between calls is what lets the next scrape of a target reuse its connection.
final class CurlMultiSession {
    private let multi: UnsafeMutableRawPointer
    /// Easy handles not in use, by request key. A key requested twice in one call gets two.
    private var idleHandles: [String: [CurlEasyHandle]] = [:]

    /// Handles unused for this long belong to targets that went away; they are dropped.
    private static let idleHandleLifetimeNanoseconds: UInt64 = 300 * 1_000_000_000
    /// How long past the longest per-request timeout the loop waits before giving up on
    /// libcurl's own timers; a guard that should never fire.
    private static let deadlineMarginMilliseconds: Int64 = 2_000
    /// The longest single wait in `curl_multi_poll`; libcurl shortens it to its next timer.
    private static let maxPollMilliseconds: Int64 = 1_000

    init() {
        CurlGlobal.initialize()
        guard let multi = curl_multi_init() else {
            fatalError("libcurl could not allocate a multi handle (out of memory)")
        }
        self.multi = multi
    }

    deinit {
        // Every easy handle was removed from the multi handle when its transfer ended, so the
        // order libcurl asks for holds: easy handles first, then the multi handle.
        idleHandles.removeAll()
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
            guard let handle = checkOutHandle(for: spec.key) else {
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
        while !running.isEmpty {
            var stillRunning: Int32 = 0
            let performed = curl_multi_perform(multi, &stillRunning)
            collectFinished(&running, into: &results)
            if running.isEmpty { break }

            let now = MonotonicClock.nanoseconds()
            if performed != CURLM_OK {
                abandon(&running, into: &results, at: now, reason: "libcurl failed: \(Self.describe(performed))")
                break
            }
            if now >= deadline {
                abandon(&running, into: &results, at: now, reason: nil)
                break
            }
            let waitMilliseconds = min(Self.maxPollMilliseconds, Int64((deadline - now) / 1_000_000) + 1)
            _ = curl_multi_poll(multi, nil, 0, Int32(waitMilliseconds), nil)
        }

        for (key, handle) in checkedOut {
            idleHandles[key, default: []].append(handle)
        }
        return results.map { $0! }
    }

    /// Hands out a kept handle for `key`, or a new one.
    private func checkOutHandle(for key: String) -> CurlEasyHandle? {
        if let handle = idleHandles[key]?.popLast() {
            if idleHandles[key]?.isEmpty == true { idleHandles[key] = nil }
            return handle
        }
        return CurlEasyHandle()
    }

    private func dropHandlesIdle(before now: UInt64) {
        guard now > Self.idleHandleLifetimeNanoseconds else { return }
        let cutoff = now - Self.idleHandleLifetimeNanoseconds
        idleHandles = idleHandles.compactMapValues { handles in
            let kept = handles.filter { $0.lastUsedNanoseconds >= cutoff }
            return kept.isEmpty ? nil : kept
        }
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
        while let message = curl_multi_info_read(multi, &queued) {
            var code = CURLE_OK
            guard let easy = backlog_multi_done_handle(message, &code),
                  let entry = running.removeValue(forKey: easy)
            else { continue }
            results[entry.index] = entry.handle.finish(code, at: MonotonicClock.nanoseconds())
            curl_multi_remove_handle(multi, easy)
        }
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
