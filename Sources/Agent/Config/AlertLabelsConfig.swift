import ConfigFile
public import TimeSeries

/// `alert_relabel_configs:` and `ha:` of backlog.yml: what alerts carry when they leave, on top
/// of the `external_labels:` they lack.
public struct AlertLabelsConfig: Sendable {
    /// Relabel steps run over each alert before it is sent, as Prometheus's `alert_relabel_configs`.
    public var relabelConfigs: [RelabelConfig]
    /// `ha.replica_label`: the external label that tells the two agents of an HA pair apart;
    /// series keep it, alerts sent to Alertmanager receivers lose it.
    public var replicaLabel: String?

    public init(relabelConfigs: [RelabelConfig] = [], replicaLabel: String? = nil) {
        self.relabelConfigs = relabelConfigs
        self.replicaLabel = replicaLabel
    }

    /// Reads both sections from the top-level mapping; the replica label must be one of
    /// `externalLabels`, where each agent of the pair sets its own value.
    static func load(from map: YAMLMapping, externalLabels: Labels) throws(ConfigError) -> AlertLabelsConfig {
        let relabelConfigs = try RelabelConfig.list(map["alert_relabel_configs"], context: "alert_relabel_configs")
        guard let ha = map["ha"] else { return AlertLabelsConfig(relabelConfigs: relabelConfigs) }
        let haMap = try ha.mapping(allowedKeys: ["replica_label"], context: "ha")
        let node = try haMap.required("replica_label", context: "ha")
        let name = try node.string(context: "ha.replica_label")
        guard RelabelConfig.isLabelName(name), !name.hasPrefix("__") else {
            throw node.error("\"\(name)\" is not a valid label name for ha.replica_label")
        }
        guard externalLabels[name] != nil else {
            throw node.error(
                "ha.replica_label \"\(name)\" is not among external_labels; add it there, with a different value on each agent of the pair")
        }
        return AlertLabelsConfig(relabelConfigs: relabelConfigs, replicaLabel: name)
    }
}
