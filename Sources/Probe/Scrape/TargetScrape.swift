public import TimeSeries

/// The outcome of polling one target once: its samples (with target labels and the synthesized
/// `up`/`scrape_*` series) or why it failed.
public struct TargetScrape: Sendable {
    public var target: ScrapeTarget
    public var timestamp: Timestamp
    /// Scraped samples followed by the synthesized ones; on failure only the synthesized ones.
    public var samples: [Sample]
    public var error: ScrapeError?
    /// Seconds the request and parse took.
    public var duration: Double
    public var bodyBytes: Int
    /// How many samples the exposition held: 0 on failure, but the count of a body over
    /// `sample_limit`, as Prometheus reports it in `scrape_samples_scraped`.
    public var scrapedSampleCount: Int

    public var isUp: Bool { error == nil }

    public init(
        target: ScrapeTarget, timestamp: Timestamp, samples: [Sample], error: ScrapeError?, duration: Double,
        bodyBytes: Int, scrapedSampleCount: Int
    ) {
        self.target = target
        self.timestamp = timestamp
        self.samples = samples
        self.error = error
        self.duration = duration
        self.bodyBytes = bodyBytes
        self.scrapedSampleCount = scrapedSampleCount
    }
}
