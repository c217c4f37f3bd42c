public import ConfigFile
public import History
public import Probe
public import Ranking
public import TimeSeries

/// Everything backlog.yml says, checked, with defaults filled in.
public struct AgentConfig: Sendable {
    /// The keys backlog.yml may have at the top level; the scrape limits (`sample_limit`, …)
    /// among them are every target group's defaults.
    public static let topLevelKeys: Set<String> = Set([
        "interval", "timeout", "targets", "rule_files", "receivers", "history", "backlog_metrics", "listen",
        "remote_write", "external_labels", "web", "alert_relabel_configs", "ha", "shard", "erlang_nodes",
    ]).union(ScrapeLimits.keys)

    /// Where the file was read from; relative paths in it are taken from its folder.
    public var path: String
    public var scrape: ScrapeConfig
    /// Rule file paths or globs, relative paths resolved against the config's folder.
    public var ruleFiles: [String]
    /// The receivers section as written, for the delivery side to read.
    public var receivers: YAMLNode?
    public var historyPath: String
    public var history: HistoryOptions
    public var backlogMetrics: [BacklogMetric]
    /// Where the agent serves `/metrics` and `/api/v1/alerts`.
    public var listen: ListenAddress
    /// `remote_write:` endpoints and `external_labels:`.
    public var remoteWrite = RemoteWriteConfig()
    /// Added to every series sent out and to alerts, where they lack the label.
    public var externalLabels: Labels { remoteWrite.externalLabels }
    /// Who may read what the agent serves, and over TLS or not.
    public var web = WebConfig()
    /// `alert_relabel_configs:` and `ha.replica_label`, applied to alerts as they are sent.
    public var alertLabels = AlertLabelsConfig()
    /// `erlang_nodes:`: nodes to load the exporter into; their targets are among `scrape.groups`.
    public var erlangNodes: [ErlangNodesConfig] = []

    /// Reads and checks a config file; every mistake comes back as `file:line:column: message`.
    public static func load(path: String) throws(ConfigError) -> AgentConfig {
        let root = try YAMLNode.load(path: path)
        let map = try root.mapping(allowedKeys: topLevelKeys, context: "backlog.yml")
        let directory = ConfigPaths.directory(of: path)
        var ruleFiles: [String] = []
        for node in try map["rule_files"]?.sequence(context: "rule_files") ?? [] {
            ruleFiles.append(ConfigPaths.resolve(try node.string(context: "a rule_files entry"), in: directory))
        }
        let (historyPath, parsedHistory) = try historySection(map["history"], directory: directory)
        let remoteWrite = try RemoteWriteConfig.load(from: map, directory: directory)
        var history = parsedHistory
        history.remoteWriteLog = !remoteWrite.endpoints.isEmpty
        let alertLabels = try AlertLabelsConfig.load(from: map, externalLabels: remoteWrite.externalLabels)
        let erlangNodes = try ErlangNodesConfig.load(map["erlang_nodes"], directory: directory)
        return AgentConfig(
            path: path, scrape: try ScrapeConfig(from: map).adding(erlangNodes, section: map["erlang_nodes"]), ruleFiles: ruleFiles, receivers: map["receivers"],
            historyPath: historyPath, history: history, backlogMetrics: try backlogMetrics(map["backlog_metrics"]),
            listen: try map["listen"].map { node throws(ConfigError) in try ListenAddress(node) } ?? .default,
            remoteWrite: remoteWrite,
            web: try map["web"].map { node throws(ConfigError) in try WebConfig(node, directory: directory) } ?? WebConfig(),
            alertLabels: alertLabels, erlangNodes: erlangNodes)
    }

    static func historySection(_ node: YAMLNode?, directory: String) throws(ConfigError) -> (String, HistoryOptions) {
        var options = HistoryOptions()
        guard let node else { return (ConfigPaths.resolve("backlog.db", in: directory), options) }
        let map = try node.mapping(allowedKeys: ["path", "retention", "memory_window", "max_series"], context: "history")
        let path = try map["path"]?.string(context: "history.path") ?? "backlog.db"
        if let retention = map["retention"] {
            options.retention = try retention.duration(context: "history.retention")
            if options.retention.milliseconds < 60_000 { throw retention.error("history.retention must be at least 1m") }
        }
        if let window = map["memory_window"] {
            options.memoryWindow = try window.duration(context: "history.memory_window")
        }
        if let budget = map["max_series"] {
            let count = try budget.int(context: "history.max_series")
            if count < 0 { throw budget.error("history.max_series must be 0 (no budget) or more, found \(count)") }
            options.seriesBudget = SeriesBudget(maxSeries: count)
        }
        return (ConfigPaths.resolve(path, in: directory), options)
    }

    public static func backlogMetrics(_ node: YAMLNode?) throws(ConfigError) -> [BacklogMetric] {
        guard let node else { return BacklogMetric.defaults }
        var metrics: [BacklogMetric] = []
        for item in try node.sequence(context: "backlog_metrics") {
            let map = try item.mapping(allowedKeys: ["metric", "entity", "threshold"], context: "a backlog_metrics entry")
            let metric = try map.required("metric", context: "a backlog_metrics entry").string(context: "metric")
            let entity = try map["entity"]?.stringList(context: "entity") ?? BacklogMetric.defaultEntity(for: metric)
            let threshold = try map["threshold"]?.double(context: "threshold") ?? 10_000
            if threshold <= 0, let at = map["threshold"] { throw at.error("threshold must be above 0") }
            metrics.append(BacklogMetric(metric: metric, entity: entity, threshold: threshold))
        }
        return metrics.isEmpty ? BacklogMetric.defaults : metrics
    }
}
