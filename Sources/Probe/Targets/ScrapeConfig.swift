public import TimeSeries

/// The scrape part of backlog.yml: how often to poll, how long to wait, and whom.
public struct ScrapeConfig: Sendable, Hashable {
    public static let defaultInterval = PromDuration.seconds(1)

    public var interval: PromDuration
    public var timeout: PromDuration
    public var groups: [TargetGroup]
    /// The part of the groups' targets this agent polls.
    public var shard: Shard
    /// The top-level limits, every group's unless it sets its own; each group carries those in
    /// force for it, so these are what `--check-config` compares the groups' with.
    public var limits: ScrapeLimits

    public init(
        interval: PromDuration = ScrapeConfig.defaultInterval, timeout: PromDuration? = nil, groups: [TargetGroup],
        shard: Shard = .whole, limits: ScrapeLimits = .defaults
    ) {
        self.interval = interval
        self.timeout = timeout ?? ScrapeConfig.defaultTimeout(for: interval)
        self.groups = groups
        self.shard = shard
        self.limits = limits
    }

    /// A bit under the interval, so a slow target never overlaps the next cycle.
    public static func defaultTimeout(for interval: PromDuration) -> PromDuration {
        PromDuration(milliseconds: max(interval.milliseconds * 4 / 5, 1))
    }
}
