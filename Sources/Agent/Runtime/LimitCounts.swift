import Probe

/// How many of a cycle's scrapes failed for each kind of limit, for `/metrics`.
struct LimitCounts {
    /// Scrapes over `sample_limit`.
    private(set) var sample = 0
    /// Scrapes over `label_limit`, `label_name_length_limit` or `label_value_length_limit`.
    private(set) var labels = 0
    /// Groups over `target_limit`: each of their targets fails for it, but a group counts once.
    private(set) var targetGroups = 0

    init(_ cycle: ScrapeCycle) {
        var jobsOverTargetLimit = Set<String>()
        for scrape in cycle.scrapes {
            guard case .limitExceeded(let limit)? = scrape.error?.kind else { continue }
            switch limit {
            case .sample: sample += 1
            case .label, .labelNameLength, .labelValueLength: labels += 1
            case .target: jobsOverTargetLimit.insert(scrape.target.job)
            }
        }
        targetGroups = jobsOverTargetLimit.count
    }
}
