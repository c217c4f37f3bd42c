public import ConfigFile
public import TimeSeries

extension RelabelConfig {
    /// The keys a relabel step may have, as in Prometheus.
    static let yamlKeys: Set<String> = ["source_labels", "separator", "regex", "target_label", "replacement", "modulus", "action"]

    /// Reads a list of relabel steps (`write_relabel_configs`, later `alert_relabel_configs`);
    /// mistakes come back as `file:line:column: message`, pointing at the setting at fault.
    public static func list(_ node: YAMLNode?, context: String) throws(ConfigError) -> [RelabelConfig] {
        guard let node else { return [] }
        var configs: [RelabelConfig] = []
        for item in try node.sequence(context: context) {
            configs.append(try RelabelConfig(item, context: "a \(context) entry"))
        }
        return configs
    }

    /// One step from YAML.
    public init(_ node: YAMLNode, context: String) throws(ConfigError) {
        let map = try node.mapping(allowedKeys: Self.yamlKeys, context: context)
        let actionText = try map["action"]?.string(context: "action") ?? "replace"
        guard let action = Action(rawValue: actionText.lowercased()) else {
            let known = Action.allCases.map(\.rawValue).joined(separator: ", ")
            throw map["action"]!.error("unknown relabel action \"\(actionText)\"; use one of \(known)")
        }
        var modulus: UInt64 = 0
        if let node = map["modulus"] {
            let value = try node.int(context: "modulus")
            guard value > 0 else { throw node.error("modulus must be above 0") }
            modulus = UInt64(value)
        }
        do {
            try self.init(
                sourceLabels: try map["source_labels"]?.stringList(context: "source_labels") ?? [],
                separator: try map["separator"]?.string(context: "separator") ?? ";",
                regex: try map["regex"]?.string(context: "regex") ?? "(.*)",
                targetLabel: try map["target_label"]?.string(context: "target_label") ?? "",
                replacement: try map["replacement"]?.string(context: "replacement") ?? "$1",
                modulus: modulus, action: action)
        } catch let error as RelabelConfigError {
            throw (map[error.setting] ?? node).error(error.message)
        } catch let error as ConfigError {
            throw error
        } catch {
            throw node.error("\(error)")
        }
    }
}
