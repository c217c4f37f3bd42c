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
    /// The shard polled: `scrapes` holds its targets.
    public var shard: Shard
    /// The config's targets that belong to other shards, not polled here.
    public var otherShardsTargets: [ScrapeTarget]
    /// New series the history's series budget refused, by target URL; the agent fills it in once
    /// the cycle is stored, before handing the cycle on.
    public var newSeriesRefused: [String: Int] = [:]

    public init(
        timestamp: Timestamp, scrapes: [TargetScrape], configProblems: [ConfigError], duration: Double, retiredSamples: [Sample] = [],
        shard: Shard = .whole, otherShardsTargets: [ScrapeTarget] = []
    ) {
        self.timestamp = timestamp
        self.scrapes = scrapes
        self.retiredSamples = retiredSamples
        self.configProblems = configProblems
        self.duration = duration
        self.shard = shard
        self.otherShardsTargets = otherShardsTargets
    }

    /// Every sample of the cycle, in target order, then the retired targets' markers.
    public var allSamples: [Sample] { scrapes.flatMap(\.samples) + retiredSamples }

    /// Which target sent which run of `allSamples`, by target URL; the retired markers follow unnamed.
    public var sampleSources: [(target: String, count: Int)] { scrapes.map { ($0.target.url, $0.samples.count) } }

    /// Each target's health from its scrape, with the new series the series budget refused it.
    public var nodeHealth: [NodeHealth] {
        scrapes.map { scrape in
            var health = NodeHealth(scrape: scrape)
            health.newSeriesRefused = newSeriesRefused[scrape.target.url] ?? 0
            return health
        }
    }
}
