import CCurl
import TimeSeries

/// One libcurl easy handle, configured for one request at a time and kept between calls.
///
/// The write callback collects the decoded body and stops the transfer the moment it would
/// pass the request's size cap, which is what defuses a gzip bomb: a small compressed body
/// is never inflated further than the cap.
final class CurlEasyHandle {
    /// The libcurl handle; the multi loop also uses it to find this object when a transfer ends.
    let easy: UnsafeMutableRawPointer
    /// When this handle last started a request, so handles of vanished targets can be dropped.
    private(set) var lastUsedNanoseconds: UInt64 = 0
    /// The URL of the last request prepared.
    private(set) var lastURL: String?
    /// The current request's total timeout, as handed to libcurl.
    private(set) var timeoutMilliseconds: Int64 = 0

    private static let userAgent = "Backlog/\(BuildInfo.version)"
    private static let maxRedirects = 3

    private let errorBuffer: UnsafeMutablePointer<CChar>
    private static let errorBufferSize = Int(CURL_ERROR_SIZE)
    /// libcurl keeps a pointer to the header list (it does not copy it), so it lives here
    /// until the next request replaces it.
    private var headerList: UnsafeMutablePointer<curl_slist>?

    private var spec: HTTPRequestSpec?
    /// The request the handle's libcurl options were set for (`withBodyShape`), if they are all
    /// still in place.
    private var configuredSpec: HTTPRequestSpec?
    private var startedAt: UInt64 = 0
    private var body: [UInt8] = []
    private var bodyLimitExceeded = false
    /// The Content-Length of the response being read; libcurl does not report it when it
    /// refuses a body for being over `CURLOPT_MAXFILESIZE`, so the header callback keeps it.
    private var declaredLength: Int64?

    /// The DNS and connection caches this handle uses; the handle keeps them alive.
    let originCache: CurlOriginCache?

    init?(originCache: CurlOriginCache?) {
        guard let easy = curl_easy_init() else { return nil }
        self.easy = easy
        self.originCache = originCache
        errorBuffer = .allocate(capacity: Self.errorBufferSize)
        errorBuffer.initialize(repeating: 0, count: Self.errorBufferSize)
    }

    deinit {
        // Before `originCache` is released, which a share still in use would refuse.
        curl_easy_cleanup(easy)
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    /// Sets the handle up for `spec`; returns why not when the request cannot be made.
    func prepare(_ spec: HTTPRequestSpec, startedAt: UInt64) -> TransportError? {
        errorBuffer[0] = 0
        body = []
        bodyLimitExceeded = false
        declaredLength = nil
        self.spec = spec
        lastURL = spec.url
        self.startedAt = startedAt
        lastUsedNanoseconds = startedAt
        timeoutMilliseconds = max(1, spec.timeout.milliseconds)
        // libcurl keeps options from one transfer to the next, so the same request again (a
        // target's next scrape) needs none of the two dozen calls that set them, and the next
        // POST to the same place (a remote-write batch) only its body.
        let shape = spec.withBodyShape
        if shape == configuredSpec {
            guard !spec.body.isEmpty else { return nil }
            do {
                try setBody(spec.body)
                return nil
            } catch {
                configuredSpec = nil
            }
        }

        // A reset keeps the handle's live connections and caches but clears every option,
        // so nothing from the previous request (a POST body, a token) carries over.
        curl_easy_reset(easy)
        curl_slist_free_all(headerList)
        headerList = nil
        configuredSpec = nil
        do {
            try configure(for: spec)
            configuredSpec = shape
            return nil
        } catch {
            self.spec = nil
            return TransportError(
                kind: error.kind, url: URLRedaction.removingUserInfo(from: spec.url), reason: error.reason)
        }
    }

    /// The outcome of the transfer that libcurl reported done with `code`.
    func finish(_ code: CURLcode, at now: UInt64) -> Result<HTTPResponse, TransportError> {
        let duration = Double(now &- startedAt) / 1e9
        defer { releaseRequest() }
        guard code == CURLE_OK else {
            return .failure(failure(code: code, at: now).transportError(duration: duration))
        }
        var status = 0
        _ = backlog_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        var contentType: UnsafeMutablePointer<CChar>?
        _ = backlog_easy_getinfo_string(easy, CURLINFO_CONTENT_TYPE, &contentType)
        let received = body
        body = []
        return .success(HTTPResponse(
            status: status, contentType: contentType.map { String(cString: $0) }, body: received, duration: duration))
    }

    /// The outcome of a transfer the loop had to end itself: a timeout, or `reason` when given.
    func abandon(at now: UInt64, reason: String?) -> Result<HTTPResponse, TransportError> {
        let duration = Double(now &- startedAt) / 1e9
        defer { releaseRequest() }
        // Cut off mid-transfer; the next request starts from a clean reset to be safe.
        configuredSpec = nil
        if let reason {
            let url = URLRedaction.removingUserInfo(from: spec?.url ?? "")
            return .failure(TransportError(kind: .other, url: url, reason: reason, duration: duration))
        }
        return .failure(failure(code: CURLE_OPERATION_TIMEDOUT, at: now).transportError(duration: duration))
    }

    /// Takes a piece of decoded body from the write callback; false stops the transfer.
    fileprivate func receive(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let limit = spec?.maxBodyBytes ?? 0
        guard body.count + bytes.count <= limit else {
            bodyLimitExceeded = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// Takes one header line from the header callback, to remember the declared length.
    fileprivate func receiveHeader(_ line: UnsafeRawBufferPointer) {
        // Most lines are neither of the two looked for, so they are matched as bytes, not made Strings.
        if Self.hasPrefix(line, "HTTP/") {
            // A new response (after a redirect or a 100 Continue): only the last one's body counts.
            declaredLength = nil
            body = []
        } else if Self.hasPrefix(line, "content-length:", ignoringCase: true) {
            let value = line[("content-length:".utf8.count)...].filter { !Self.isWhitespace($0) }
            declaredLength = Int64(String(decoding: value, as: UTF8.self))
            if let declaredLength, declaredLength > 0 {
                // One allocation for the body instead of a copy each time it outgrows its buffer; the
                // cap bounds what a lying header can make us reserve.
                body.reserveCapacity(Int(min(declaredLength, Int64(min(spec?.maxBodyBytes ?? 0, Self.maxReservedBodyBytes)))))
            }
        }
    }

    /// The most a declared Content-Length makes the handle reserve ahead of the body.
    private static let maxReservedBodyBytes = 8 << 20

    /// True when `line` starts with `prefix`; with `ignoringCase`, an upper-case letter in the line
    /// matches its lower-case form in `prefix`.
    private static func hasPrefix(_ line: UnsafeRawBufferPointer, _ prefix: StaticString, ignoringCase: Bool = false) -> Bool {
        guard line.count >= prefix.utf8CodeUnitCount else { return false }
        return prefix.withUTF8Buffer { prefix in
            prefix.indices.allSatisfy { index in
                let byte = line[index]
                let expected = prefix[index]
                return byte == expected || (ignoringCase && expected &- UInt8(ascii: "a") < 26 && byte == expected - 0x20)
            }
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }

    // MARK: - Options

    private func configure(for spec: HTTPRequestSpec) throws(CurlSetupError) {
        try set(CURLOPT_URL, spec.url)
        // Signals cannot be used from a multi-threaded process; timeouts use libcurl's timers.
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_NOPROGRESS, 1)
        try set(CURLOPT_VERBOSE, 0)
        try check(backlog_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer)))
        try set(CURLOPT_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_FOLLOWLOCATION, 1)
        try set(CURLOPT_MAXREDIRS, Self.maxRedirects)
        try set(CURLOPT_CONNECTTIMEOUT_MS, Int(max(1, spec.connectTimeout.milliseconds)))
        try set(CURLOPT_TIMEOUT_MS, Int(timeoutMilliseconds))
        // libcurl decodes gzip itself, so the write callback (and the cap) sees decoded bytes.
        try set(CURLOPT_ACCEPT_ENCODING, "gzip")
        try set(CURLOPT_USERAGENT, Self.userAgent)
        if let originCache { try check(backlog_easy_setopt_share(easy, originCache.share)) }
        // Rejects a declared Content-Length above the cap before any body is read.
        try check(backlog_easy_setopt_off(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(max(0, spec.maxBodyBytes))))

        try check(backlog_easy_setopt_write_function(easy) { data, size, count, context in
            let length = size * count
            guard let context else { return 0 }
            let handle = Unmanaged<CurlEasyHandle>.fromOpaque(context).takeUnretainedValue()
            return handle.receive(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
        })
        try check(backlog_easy_setopt_header_function(easy) { data, size, count, context in
            let length = size * count
            guard let context else { return length }
            let handle = Unmanaged<CurlEasyHandle>.fromOpaque(context).takeUnretainedValue()
            handle.receiveHeader(UnsafeRawBufferPointer(start: data, count: length))
            return length
        })
        // The pool keeps this object alive for as long as libcurl may call back into it.
        let context = Unmanaged.passUnretained(self).toOpaque()
        try check(backlog_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context))
        try check(backlog_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context))

        try configureMethod(spec)
        try configureHeaders(spec)
        try configureAuth(spec.auth)
        try configureTLS(spec.tls)
    }

    private func configureMethod(_ spec: HTTPRequestSpec) throws(CurlSetupError) {
        let method = spec.method.uppercased()
        switch method {
        case "GET":
            try set(CURLOPT_HTTPGET, 1)
        case "HEAD":
            try set(CURLOPT_NOBODY, 1)
        default:
            if method == "POST" {
                try set(CURLOPT_POST, 1)
            } else {
                try set(CURLOPT_CUSTOMREQUEST, method)
            }
            if method == "POST" || !spec.body.isEmpty { try setBody(spec.body) }
        }
    }

    private func setBody(_ body: [UInt8]) throws(CurlSetupError) {
        // The size goes first, so the copy takes exactly these bytes (a body may hold zeros).
        try check(backlog_easy_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
        let copied = body.withUnsafeBytes { bytes in
            "".withCString { empty in
                backlog_easy_setopt_pointer(
                    easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(empty)))
            }
        }
        try check(copied)
    }

    private func configureHeaders(_ spec: HTTPRequestSpec) throws(CurlSetupError) {
        var lines: [String] = []
        for header in spec.headerPairs {
            guard !header.name.contains(where: \.isNewline), !header.value.contains(where: \.isNewline) else {
                throw CurlSetupError(kind: .other, reason: "request header \"\(header.name)\" contains a line break")
            }
            // "Name;" is libcurl's spelling of a header sent with an empty value.
            lines.append(header.value.isEmpty ? "\(header.name);" : "\(header.name): \(header.value)")
        }
        if !spec.body.isEmpty {
            // No "Expect: 100-continue" round trip: webhook receivers often do not answer it.
            lines.append("Expect:")
        }
        for line in lines {
            guard let extended = line.withCString({ curl_slist_append(headerList, $0) }) else {
                throw CurlSetupError(kind: .other, reason: "out of memory building request headers")
            }
            headerList = extended
        }
        if let headerList {
            try check(backlog_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList))
        }
    }

    private func configureAuth(_ auth: HTTPAuth?) throws(CurlSetupError) {
        switch auth {
        case nil:
            break
        case .bearer(let token):
            try set(CURLOPT_HTTPAUTH, backlog_curlauth_bearer())
            try set(CURLOPT_XOAUTH2_BEARER, token.value)
        case .basic(let username, let password):
            try set(CURLOPT_HTTPAUTH, backlog_curlauth_basic())
            try set(CURLOPT_USERNAME, username)
            try set(CURLOPT_PASSWORD, password.value)
        }
    }

    private func configureTLS(_ tls: TLSOptions) throws(CurlSetupError) {
        if tls.insecureSkipVerify {
            try set(CURLOPT_SSL_VERIFYPEER, 0)
            try set(CURLOPT_SSL_VERIFYHOST, 0)
        } else {
            try set(CURLOPT_SSL_VERIFYPEER, 1)
            try set(CURLOPT_SSL_VERIFYHOST, 2)
        }
        if let caFile = tls.caFile {
            try set(CURLOPT_CAINFO, caFile)
        }
    }

    private func set(_ option: CURLoption, _ value: Int) throws(CurlSetupError) {
        try check(backlog_easy_setopt_long(easy, option, value))
    }

    private func set(_ option: CURLoption, _ value: String) throws(CurlSetupError) {
        // libcurl copies string options, so the C string only has to live for the call.
        try check(value.withCString { backlog_easy_setopt_string(easy, option, $0) })
    }

    private func check(_ code: CURLcode) throws(CurlSetupError) {
        guard code == CURLE_OK else {
            throw CurlSetupError(kind: .other, reason: "libcurl refused an option: \(CurlTransport.Failure.text(of: code))")
        }
    }

    // MARK: - Results

    /// Everything known about a failed transfer, for `CurlTransport.Failure` to put in words.
    private func failure(code: CURLcode, at now: UInt64) -> CurlTransport.Failure {
        var osErrno = 0
        _ = backlog_easy_getinfo_long(easy, CURLINFO_OS_ERRNO, &osErrno)
        var connectMicroseconds: curl_off_t = 0
        _ = backlog_easy_getinfo_off(easy, CURLINFO_CONNECT_TIME_T, &connectMicroseconds)
        let spec = spec ?? HTTPRequestSpec(url: "")
        return CurlTransport.Failure(
            code: code,
            detail: String(cString: errorBuffer),
            osErrno: osErrno,
            url: spec.url,
            elapsedMilliseconds: Int64((now &- startedAt) / 1_000_000),
            connectTimeout: spec.connectTimeout,
            timeout: spec.timeout,
            connected: connectMicroseconds > 0,
            receivedBytes: body.count,
            bodyLimit: spec.maxBodyBytes,
            bodyLimitExceeded: bodyLimitExceeded,
            declaredLength: declaredLength,
            caFile: spec.tls.caFile,
            secrets: Self.secrets(of: spec)
        )
    }

    /// Strings that must never appear in a message: tokens, passwords, URL credentials.
    private static func secrets(of spec: HTTPRequestSpec) -> [String] {
        var secrets: [String] = []
        switch spec.auth {
        case .bearer(let token): secrets.append(token.value)
        case .basic(_, let password): secrets.append(password.value)
        case nil: break
        }
        if let password = URLRedaction.password(in: spec.url) {
            secrets.append(password)
        }
        return secrets.filter { !$0.isEmpty }
    }

    /// Lets go of the request's body and spec; the handle itself stays for the next call.
    private func releaseRequest() {
        body = []
        spec = nil
    }
}
