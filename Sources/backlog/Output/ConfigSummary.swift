import Agent
import History
import Probe

/// What `backlog agent --check-config` prints for a good config.
enum ConfigSummary {
    /// The summary, then the targets this agent's shard polls; `targets` are every target the
    /// config and its targets files name, over all shards.
    static func render(_ config: AgentConfig, targets: [ScrapeTarget]) -> String {
        let endpoints = config.scrape.groups.reduce(0) { $0 + $1.endpoints.count }
        let files = config.scrape.groups.compactMap(\.targetsFile).count
        let shard = config.scrape.shard
        let polled = shard.split(targets).polled
        var out = "\(config.path): OK\n"
        out += "  poll      every \(config.scrape.interval), timeout \(config.scrape.timeout)\n"
        out += "  targets   \(config.scrape.groups.count) jobs, \(endpoints) listed"
        out += files > 0 ? ", \(files) targets files\n" : "\n"
        if shard.isWhole {
            out += "  shard     none: all \(targets.count) targets\n"
        } else {
            out += "  shard     \(shard.index) of \(shard.total): \(polled.count) of \(targets.count) targets (hashmod of host:port, as Prometheus)\n"
        }
        out += erlangNodes(config)
        out += limits(config)
        out += "  rules     \(config.ruleFiles.isEmpty ? "none" : config.ruleFiles.joined(separator: ", "))\n"
        let receivers = (try? AlertingSetup.receivers(config)) ?? []
        out += "  receivers \(receivers.isEmpty ? "none" : receivers.map(\.name).joined(separator: ", "))\n"
        out += "  history   \(config.historyPath) (retention \(config.history.retention))\n"
        out += "  series    \(seriesBudget(config.history.seriesBudget))\n"
        out += "  backlogs  \(config.backlogMetrics.map { "\($0.metric) over \(Int($0.threshold))" }.joined(separator: ", "))\n"
        out += "  listen    \(config.listen)\n"
        out += shard.isWhole ? "polls:\n" : "polls, as \(shard):\n"
        let width = polled.map(\.job.count).max() ?? 0
        for target in polled {
            let node = target.labels["node"].map { "  (\($0))" } ?? ""
            out += "  \(target.job)\(String(repeating: " ", count: width - target.job.count))  \(target.url)\(node)\n"
        }
        return out
    }

    /// The top-level limits on two lines, then each group's own where they differ.
    static func limits(_ config: AgentConfig) -> String {
        let global = config.scrape.limits.settings
        var out = "  limits    \(global.prefix(3).map(setting).joined(separator: ", ")),\n"
        out += "            \(global.dropFirst(3).map(setting).joined(separator: ", "))\n"
        for group in config.scrape.groups {
            let own = group.limits.settings.filter { $0.value != config.scrape.limits[$0.limit] }
            if !own.isEmpty { out += "            job \(group.job): \(own.map(setting).joined(separator: ", "))\n" }
        }
        return out
    }

    /// `history.max_series` in force, with the memory it implies (`SeriesBudget.bytesPerSeries`).
    static func seriesBudget(_ budget: SeriesBudget) -> String {
        guard budget.isEnabled else { return "max_series 0 (no budget)" }
        let megabytes = budget.maxSeries * SeriesBudget.bytesPerSeries / 1_000_000
        return "max_series \(budget.maxSeries) (about \(megabytes) MB in memory at the budget)"
    }

    private static func setting(_ setting: (limit: ScrapeLimit, value: Int)) -> String {
        "\(setting.limit.key) \(setting.value)\(setting.value == 0 ? " (none)" : "")"
    }

    /// A warning for each group that resolves to more targets in this agent's shard than its
    /// `target_limit`: the config is valid, but every one of those targets would fail.
    static func warnings(_ config: AgentConfig, targets: [ScrapeTarget]) -> [String] {
        let polled = config.scrape.shard.split(targets).polled
        return config.scrape.groups.compactMap { group in
            let count = polled.count { $0.job == group.job }
            guard group.limits.targetLimit > 0, count > group.limits.targetLimit else { return nil }
            let shard = config.scrape.shard.isWhole ? "" : " in \(config.scrape.shard)"
            return "\(group.origin): job \"\(group.job)\" has \(count) targets\(shard), over its target_limit \(group.limits.targetLimit): "
                + "the agent would fail every one of them unpolled — raise target_limit, or split the job"
        }
    }
}
