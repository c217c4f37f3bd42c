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

    static func engineOptions(_ config: AgentConfig) -> RuleEngineOptions {
        RuleEngineOptions(cycleInterval: config.scrape.interval, externalURL: externalURL(config))
    }
}
