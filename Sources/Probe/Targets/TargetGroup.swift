public import TimeSeries

/// Where a target's credentials come from; the secret itself is read only when a request is made.
public enum CredentialSource: Sendable, Hashable {
    case bearerTokenFile(String)
    case bearerTokenEnvironment(String)
    case basic(username: String, password: SecretSource)
}

/// A file or environment variable that holds a secret.
public enum SecretSource: Sendable, Hashable {
    case file(String)
    case environment(String)
}

/// One entry of `targets:` in backlog.yml: a job, its endpoints, and how to reach them.
public struct TargetGroup: Sendable, Hashable {
    public var job: String
    /// `host:port` endpoints listed in the config.
    public var endpoints: [String]
    /// Labels of one listed endpoint only (an attached node's `node`), over the group's.
    public var endpointLabels: [String: Labels] = [:]
    /// A Prometheus file_sd-style file of more endpoints, re-read when it changes.
    public var targetsFile: String?
    public var labels: Labels
    public var metricsPath: String
    public var scheme: String
    public var tls: TLSOptions
    public var credentials: CredentialSource?
    public var maxBodyBytes: Int
    /// The limits in force for the group: its own keys over the top-level ones over the defaults.
    public var limits: ScrapeLimits
    /// Where in the config file this group starts, for errors about it at run time.
    public var origin: String

    public init(
        job: String, endpoints: [String] = [], targetsFile: String? = nil, labels: Labels = Labels(),
        metricsPath: String = "/metrics", scheme: String = "http", tls: TLSOptions = TLSOptions(),
        credentials: CredentialSource? = nil, maxBodyBytes: Int = HTTPRequestSpec.defaultMaxBodyBytes,
        limits: ScrapeLimits = .defaults, origin: String = ""
    ) {
        self.job = job
        self.endpoints = endpoints
        self.targetsFile = targetsFile
        self.labels = labels
        self.metricsPath = metricsPath
        self.scheme = scheme
        self.tls = tls
        self.credentials = credentials
        self.maxBodyBytes = maxBodyBytes
        self.limits = limits
        self.origin = origin
    }
}
