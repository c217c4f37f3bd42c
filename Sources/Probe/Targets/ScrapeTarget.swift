public import TimeSeries

/// One endpoint to poll, with the labels every one of its samples gets.
public struct ScrapeTarget: Sendable, Hashable, CustomStringConvertible {
    public var job: String
    /// `host:port`.
    public var instance: String
    public var url: String
    /// `job`, `instance` and the group's labels.
    public var labels: Labels
    public var tls: TLSOptions
    public var credentials: CredentialSource?
    public var maxBodyBytes: Int
    /// Its group's limits; `target_limit` counts the group's targets, the others each scrape.
    public var limits: ScrapeLimits

    public init(
        job: String, instance: String, url: String, labels: Labels, tls: TLSOptions = TLSOptions(),
        credentials: CredentialSource? = nil, maxBodyBytes: Int = HTTPRequestSpec.defaultMaxBodyBytes,
        limits: ScrapeLimits = .defaults
    ) {
        self.job = job
        self.instance = instance
        self.url = url
        self.labels = labels
        self.tls = tls
        self.credentials = credentials
        self.maxBodyBytes = maxBodyBytes
        self.limits = limits
    }

    /// A target for a URL given on the command line (`host:port` alone means `http://host:port/metrics`).
    public init(commandLineURL text: String, job: String = "backlog") {
        var url = text.contains("://") ? text : "http://\(text)"
        let afterScheme = url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        if afterScheme.count < 4 { url += "/metrics" }
        let authority = afterScheme.count > 2 ? String(afterScheme[2]) : text
        let instance = authority.split(separator: "@").last.map(String.init) ?? authority
        self.init(job: job, instance: instance, url: url, labels: Labels(["job": job, "instance": instance]))
    }

    /// What Prometheus puts in `__address__` for this target, and what shards hash: the
    /// `host:port` as written in the config or a targets file.
    public var address: String { instance }

    public var description: String { url }
}
