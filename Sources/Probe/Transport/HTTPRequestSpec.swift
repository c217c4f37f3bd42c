public import TimeSeries

/// How a request authenticates.
public enum HTTPAuth: Sendable, Hashable {
    case bearer(Secret)
    case basic(username: String, password: Secret)
}

/// TLS settings; verification is on unless a user opts out.
public struct TLSOptions: Sendable, Hashable {
    public var caFile: String?
    public var insecureSkipVerify: Bool

    public init(caFile: String? = nil, insecureSkipVerify: Bool = false) {
        self.caFile = caFile
        self.insecureSkipVerify = insecureSkipVerify
    }
}

/// One HTTP request for the transport: a scrape (GET) or a delivery (POST).
public struct HTTPRequestSpec: Sendable, Hashable {
    /// Identifies the connection to reuse across cycles (for scrapes: the target's URL).
    public var key: String
    public var url: String
    public var method: String
    public var headers: [(String, String)] { headerPairs.map { ($0.name, $0.value) } }
    public var headerPairs: [Label]
    public var body: [UInt8]
    public var connectTimeout: PromDuration
    public var timeout: PromDuration
    /// Responses larger than this (after decompression) fail; enforced while reading.
    public var maxBodyBytes: Int
    public var auth: HTTPAuth?
    public var tls: TLSOptions

    public static let defaultMaxBodyBytes = 64 << 20

    public init(
        key: String? = nil, url: String, method: String = "GET", headers: [(String, String)] = [],
        body: [UInt8] = [], connectTimeout: PromDuration = .seconds(5), timeout: PromDuration = .seconds(10),
        maxBodyBytes: Int = HTTPRequestSpec.defaultMaxBodyBytes, auth: HTTPAuth? = nil, tls: TLSOptions = TLSOptions()
    ) {
        self.key = key ?? url
        self.url = url
        self.method = method
        self.headerPairs = headers.map { Label($0.0, $0.1) }
        self.body = body
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.maxBodyBytes = maxBodyBytes
        self.auth = auth
        self.tls = tls
    }

    /// The request with its body reduced to whether it has one: two requests equal this way
    /// differ only in their body's bytes, which libcurl can be handed alone.
    var withBodyShape: HTTPRequestSpec {
        var shape = self
        shape.body = body.isEmpty ? [] : [1]
        return shape
    }
}
