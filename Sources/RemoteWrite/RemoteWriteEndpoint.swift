internal import Foundation
public import TimeSeries

/// One remote-write receiver, resolved from the config: where, how to authenticate, what to send.
///
/// `url`, header values and credentials may carry secrets; nothing here prints them, and every
/// log line and metric names the endpoint by `remoteName` (its `name`, else its host).
public struct RemoteWriteEndpoint: Sendable {
    /// How requests authenticate.
    public enum Auth: Sendable {
        case basic(username: String, password: String)
        case bearer(String)
    }

    /// TLS settings; verification stays on unless the user opts out.
    public struct TLS: Sendable, Equatable {
        public var caFile: String?
        public var certFile: String?
        public var keyFile: String?
        public var insecureSkipVerify: Bool

        public init(caFile: String? = nil, certFile: String? = nil, keyFile: String? = nil, insecureSkipVerify: Bool = false) {
            self.caFile = caFile
            self.certFile = certFile
            self.keyFile = keyFile
            self.insecureSkipVerify = insecureSkipVerify
        }
    }

    /// Prometheus's `queue_config`, the parts a single ordered sender uses.
    public struct Queue: Sendable, Equatable {
        public var maxSamplesPerSend: Int
        /// A batch smaller than `maxSamplesPerSend` waits at most this long for more samples.
        public var batchSendDeadline: PromDuration
        /// Accepted for Prometheus compatibility; an endpoint sends one batch at a time, in order,
        /// so its position in the log is exact.
        public var maxShards: Int
        public var minBackoff: PromDuration
        public var maxBackoff: PromDuration

        public init(
            maxSamplesPerSend: Int = 2000, batchSendDeadline: PromDuration = .seconds(5), maxShards: Int = 50,
            minBackoff: PromDuration = PromDuration(milliseconds: 30), maxBackoff: PromDuration = .seconds(5)
        ) {
            self.maxSamplesPerSend = max(1, maxSamplesPerSend)
            self.batchSendDeadline = batchSendDeadline
            self.maxShards = max(1, maxShards)
            self.minBackoff = minBackoff
            self.maxBackoff = PromDuration(milliseconds: max(minBackoff.milliseconds, maxBackoff.milliseconds))
        }
    }

    /// The `remote_name` label value and the name in logs: the configured name, else the URL's host.
    public var remoteName: String
    /// The full URL, which may carry a key in its query; never logged.
    public var url: String
    public var auth: Auth?
    /// User headers, sent after the protocol's own.
    public var headers: [(String, String)]
    public var tls: TLS
    public var writeRelabelConfigs: [RelabelConfig]
    public var queue: Queue
    /// How long one request may take (Prometheus's `remote_timeout`).
    public var timeout: PromDuration

    public init(
        name: String? = nil, url: String, auth: Auth? = nil, headers: [(String, String)] = [], tls: TLS = TLS(),
        writeRelabelConfigs: [RelabelConfig] = [], queue: Queue = Queue(), timeout: PromDuration = .seconds(30)
    ) {
        remoteName = name ?? Self.host(of: url)
        self.url = url
        self.auth = auth
        self.headers = headers
        self.tls = tls
        self.writeRelabelConfigs = writeRelabelConfigs
        self.queue = queue
        self.timeout = timeout
    }

    /// The `host:port` of a URL, the name an unnamed endpoint goes by.
    public static func host(of url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host else { return "remote" }
        return components.port.map { "\(host):\($0)" } ?? host
    }

    /// Every string in this endpoint that must not appear in logs: the URL, its query values,
    /// its user info, credentials and header values.
    public var secrets: [String] {
        var found = [url]
        if let components = URLComponents(string: url) {
            found += (components.queryItems ?? []).compactMap(\.value)
            found += [components.user, components.password, components.query].compactMap { $0 }
        }
        switch auth {
        case .basic(_, let password): found.append(password)
        case .bearer(let token): found.append(token)
        case nil: break
        }
        found += headers.map(\.1)
        return found.filter { $0.count >= 3 }.sorted { $0.count > $1.count }
    }

    /// `text` with every secret of this endpoint replaced, for logs.
    public func scrub(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "<redacted>") }
    }
}
