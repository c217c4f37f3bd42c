public import Alerting
public import ConfigFile
import TimeSeries

/// The alerting half of backlog.yml, read and checked: rule files and receivers.
public enum AlertingSetup {
    /// Every error in the rule files and the receivers, each `file:line:column: message`.
    public static func check(_ config: AgentConfig) -> [ConfigError] {
        var errors: [ConfigError] = []
        do { _ = try RuleSet.load(paths: config.ruleFiles) } catch { errors += error.errors }
        do { _ = try receivers(config) } catch { errors.append(error) }
        return errors
    }

    /// The receivers section parsed, secrets read from their files and variables.
    public static func receivers(_ config: AgentConfig) throws(ConfigError) -> [ReceiverConfig] {
        try ReceiverConfig.parseAll(config.receivers, secrets: SecretReader(directory: ConfigPaths.directory(of: config.path)))
    }

    /// Where the alert state is kept: next to the history.
    public static func statePath(_ config: AgentConfig) -> String { config.historyPath + ".alerts.json" }

    /// The agent's own address, for `generatorURL` and `externalURL`.
    public static func externalURL(_ config: AgentConfig) -> String { "http://\(config.listen.host):\(config.listen.port)" }

    /// What alerts carry when they leave: the external labels they lack, then
    /// `alert_relabel_configs`, and no HA replica label for Alertmanager receivers.
    public static func labeling(_ config: AgentConfig) -> AlertLabeling {
        AlertLabeling(
            externalLabels: config.externalLabels, relabelConfigs: config.alertLabels.relabelConfigs,
            replicaLabel: config.alertLabels.replicaLabel)
    }

    /// What is allowed but likely wrong: with `ha:` set, each webhook or Slack receiver hears
    /// from both agents of the pair, since only Alertmanager merges their alerts.
    public static func warnings(_ config: AgentConfig) -> [String] {
        guard config.alertLabels.replicaLabel != nil, let receivers = try? receivers(config) else { return [] }
        return receivers.compactMap { receiver in
            let kind: String
            switch receiver.kind {
            case .alertmanager: return nil
            case .webhook: kind = "webhook"
            case .slack: kind = "slack"
            }
            return "receiver \"\(receiver.name)\" is a direct \(kind) receiver and ha: is set: "
                + "an HA pair would notify it twice; route through Alertmanager"
        }
    }

    static func engineOptions(_ config: AgentConfig) -> RuleEngineOptions {
        RuleEngineOptions(cycleInterval: config.scrape.interval, externalURL: externalURL(config))
    }
}
