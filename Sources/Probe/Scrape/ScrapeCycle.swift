public import ConfigFile
public import TimeSeries

/// Everything one poll cycle produced: one scrape per target, all stamped with the cycle's start.
public struct ScrapeCycle: Sendable {
    public var timestamp: Timestamp
    public var scrapes: [TargetScrape]
    /// Staleness markers for the series of targets polled no more (removed from the config or a
    /// targets file): see `Scraper.retireTargets(otherThan:at:)`.
    public var retiredSamples: [Sample]
    /// Targets files that turned bad during this cycle (their last good contents stayed in use).
    public var configProblems: [ConfigError]
    /// Wall-clock seconds the whole cycle took.
    public var duration: Double

    public init(
        timestamp: Timestamp, scrapes: [TargetScrape], configProblems: [ConfigError], duration: Double, retiredSamples: [Sample] = []
    ) {
        self.timestamp = timestamp
        self.scrapes = scrapes
        self.retiredSamples = retiredSamples
        self.configProblems = configProblems
        self.duration = duration
    }

    /// Every sample of the cycle, in target order, then the retired targets' markers.
    public var allSamples: [Sample] { scrapes.flatMap(\.samples) + retiredSamples }
}
