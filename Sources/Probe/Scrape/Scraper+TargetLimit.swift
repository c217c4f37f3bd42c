extension Scraper {
    /// The jobs among `targets` that outnumber their `target_limit`, and why, for each.
    ///
    /// As in Prometheus, a scrape pool over its limit has every one of its targets fail unpolled,
    /// not the excess only: which ones would be dropped is arbitrary, and a partial fleet looks
    /// healthy. Only the targets given count, so with a shard only the shard's.
    static func jobsOverTargetLimit(_ targets: [ScrapeTarget]) -> [String: ScrapeLimitExceeded] {
        guard targets.contains(where: { $0.limits.targetLimit > 0 }) else { return [:] }
        var counts: [String: (targets: Int, limit: Int)] = [:]
        for target in targets where target.limits.targetLimit > 0 {
            counts[target.job, default: (0, target.limits.targetLimit)].targets += 1
        }
        var over: [String: ScrapeLimitExceeded] = [:]
        for (job, count) in counts where count.targets > count.limit {
            over[job] = ScrapeLimitExceeded(
                limit: .target, found: count.targets, value: count.limit,
                detail: "job \(MessageText.quoted(job)) has \(count.targets) targets")
        }
        return over
    }
}
