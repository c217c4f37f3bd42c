import Probe
import Ranking
import History

extension AgentConfig {
    /// A config for targets named on the command line (`backlog watch URL…`): defaults for the rest.
    public static func forTargets(_ urls: [String], historyPath: String) -> AgentConfig {
        let targets = urls.map { ScrapeTarget(commandLineURL: $0) }
        let group = TargetGroup(job: "backlog", endpoints: targets.map(\.instance), origin: "command line")
        return AgentConfig(
            path: "(command line)", scrape: ScrapeConfig(groups: [group]), ruleFiles: [], receivers: nil,
            historyPath: historyPath, history: HistoryOptions(), backlogMetrics: BacklogMetric.defaults, listen: .default)
    }
}
