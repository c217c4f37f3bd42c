import CCurl
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TimeSeries

extension CurlTransport {
    /// What is known about a failed transfer, and the words a user can act on for it.
    ///
    /// Reasons never name a credential: every piece of text that comes from libcurl is
    /// scrubbed of the request's secrets, and URLs lose their `user:password@` part.
    struct Failure {
        var code: CURLcode
        /// libcurl's own explanation from the error buffer; may be empty.
        var detail: String
        var osErrno: Int
        var url: String
        var elapsedMilliseconds: Int64
        var connectTimeout: PromDuration
        var timeout: PromDuration
        /// Whether a connection was established before the failure.
        var connected: Bool
        /// Decoded body bytes received before the failure.
        var receivedBytes: Int
        var bodyLimit: Int
        /// The write callback stopped the transfer because the body passed `bodyLimit`.
        var bodyLimitExceeded: Bool
        /// The response's Content-Length, when it had one.
        var declaredLength: Int64?
        var caFile: String?
        var secrets: [String]

        func transportError(duration: Double) -> TransportError {
            let (kind, reason) = explanation
            return TransportError(
                kind: kind, url: URLRedaction.removingUserInfo(from: url), reason: scrubbed(reason), duration: duration)
        }

        private var explanation: (TransportError.Kind, String) {
            switch code {
            case CURLE_COULDNT_CONNECT:
                if osErrno == Int(ECONNREFUSED) || detail.contains("Connection refused") {
                    return (.connectionRefused, "connection refused — is the exporter running and listening on that port?")
                }
                return (.other, "cannot connect: \(osErrno != 0 ? Self.text(ofErrno: osErrno) : libcurlDetail)")
            case CURLE_COULDNT_RESOLVE_HOST:
                return (.cannotResolveHost, "cannot resolve host \"\(URLRedaction.host(of: url) ?? url)\"")
            case CURLE_OPERATION_TIMEDOUT:
                return (.timedOut, timeoutReason)
            case CURLE_WRITE_ERROR where bodyLimitExceeded:
                return (.bodyTooLarge,
                        "response body is larger than the \(Self.byteCount(bodyLimit)) size cap; "
                            + "stopped reading after \(Self.plural(receivedBytes, "byte")) (the cap counts decompressed bytes)")
            case CURLE_FILESIZE_EXCEEDED:
                let declared = declaredLength.map { "declares Content-Length \($0)" } ?? "is declared larger than the cap"
                return (.bodyTooLarge, "response \(declared), above the \(Self.byteCount(bodyLimit)) size cap")
            case CURLE_PEER_FAILED_VERIFICATION:
                let problem = detail.replacing("SSL certificate problem: ", with: "")
                return (.tls, "TLS certificate verification failed: \(problem.isEmpty ? libcurlDetail : problem) — "
                            + "set tls.ca_file or, only if you trust the network, tls.insecure_skip_verify")
            case CURLE_SSL_CACERT_BADFILE:
                return (.tls, "cannot use the CA file \"\(caFile ?? "")\" (tls.ca_file): \(libcurlDetail)")
            case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_ENGINE_NOTFOUND,
                 CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_SHUTDOWN_FAILED,
                 CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
                 CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT, CURLE_USE_SSL_FAILED:
                return (.tls, "TLS handshake failed: \(libcurlDetail)")
            case CURLE_BAD_CONTENT_ENCODING:
                return (.decoding, "cannot decode the compressed response body: \(libcurlDetail)")
            case CURLE_WEIRD_SERVER_REPLY, CURLE_HTTP2, CURLE_HTTP2_STREAM:
                return (.decoding, "malformed HTTP response: \(libcurlDetail)")
            case CURLE_UNSUPPORTED_PROTOCOL:
                return (.invalidURL, "unsupported URL scheme; use http:// or https://")
            case CURLE_URL_MALFORMAT:
                return (.invalidURL, "malformed URL: \(libcurlDetail)")
            case CURLE_GOT_NOTHING:
                return (.other, "the server closed the connection without sending a response")
            case CURLE_PARTIAL_FILE:
                let expected = declaredLength.map { " of \($0)" } ?? ""
                return (.other, "the server closed the connection after \(receivedBytes)\(expected) body bytes")
            case CURLE_RECV_ERROR, CURLE_SEND_ERROR:
                return (.other, "connection failed mid-request: \(libcurlDetail)")
            case CURLE_TOO_MANY_REDIRECTS:
                return (.other, "too many redirects: \(libcurlDetail)")
            default:
                return (.other, libcurlDetail)
            }
        }

        private var timeoutReason: String {
            if !connected && timeout.milliseconds > connectTimeout.milliseconds
                && elapsedMilliseconds < timeout.milliseconds
            {
                return "could not connect within \(connectTimeout) (connect timeout is \(connectTimeout))"
            }
            return "timed out after \(elapsedMilliseconds)ms (timeout is \(timeout); received \(Self.plural(receivedBytes, "byte")))"
        }

        /// libcurl's explanation, falling back to its generic text for the code.
        private var libcurlDetail: String {
            detail.isEmpty ? Self.text(of: code) : detail
        }

        private func scrubbed(_ text: String) -> String {
            secrets.reduce(text) { $0.replacing($1, with: "<secret>") }
        }

        static func text(of code: CURLcode) -> String {
            curl_easy_strerror(code).map { String(cString: $0) } ?? "libcurl error \(code.rawValue)"
        }

        static func text(ofErrno value: Int) -> String {
            strerror(Int32(value)).map { String(cString: $0) } ?? "errno \(value)"
        }

        /// `1 MiB`, `512 KiB` or `1000 bytes`: the unit the cap was most likely written in.
        static func byteCount(_ bytes: Int) -> String {
            if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
            if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
            return plural(bytes, "byte")
        }

        static func plural(_ count: Int, _ noun: String) -> String {
            count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
        }
    }
}
