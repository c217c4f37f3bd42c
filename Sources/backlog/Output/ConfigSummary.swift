import Agent

/// What `backlog agent --check-config` prints for a good config.
enum ConfigSummary {
    static func render(_ config: AgentConfig) -> String {
        let endpoints = config.scrape.groups.reduce(0) { $0 + $1.endpoints.count }
        let files = config.scrape.groups.compactMap(\.targetsFile).count
        var out = "\(config.path): OK\n"
        out += "  poll      every \(config.scrape.interval), timeout \(config.scrape.timeout)\n"
        out += "  targets   \(config.scrape.groups.count) jobs, \(endpoints) listed"
        out += files > 0 ? ", \(files) targets files\n" : "\n"
        out += "  rules     \(config.ruleFiles.isEmpty ? "none" : config.ruleFiles.joined(separator: ", "))\n"
        let receivers = (try? AlertingSetup.receivers(config)) ?? []
        out += "  receivers \(receivers.isEmpty ? "none" : receivers.map(\.name).joined(separator: ", "))\n"
        out += "  history   \(config.historyPath) (retention \(config.history.retention))\n"
        out += "  backlogs  \(config.backlogMetrics.map { "\($0.metric) over \(Int($0.threshold))" }.joined(separator: ", "))\n"
        out += "  listen    \(config.listen)\n"
        return out
    }
}
