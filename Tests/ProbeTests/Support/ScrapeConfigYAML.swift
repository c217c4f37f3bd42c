import ConfigFile
import Probe

/// A `ScrapeConfig` read from backlog.yml text, as the agent reads it, for config tests.
enum ScrapeConfigYAML {
    static func load(_ yaml: String, keys: Set<String>, file: String = "/etc/backlog/backlog.yml") throws(ConfigError) -> ScrapeConfig {
        let root = try YAMLNode.parse(yaml, file: file).mapping(allowedKeys: keys, context: "backlog.yml")
        return try ScrapeConfig(from: root)
    }

    /// The error loading `yaml` gives, or nil when it loads.
    static func error(_ yaml: String, keys: Set<String>) -> ConfigError? {
        do {
            _ = try load(yaml, keys: keys)
            return nil
        } catch { return error }
    }
}
