import ConfigFile
public import ErlangAttach
import Foundation
public import Probe
import TimeSeries

/// `erlang_nodes:` in backlog.yml: running Erlang nodes the agent loads the exporter into
/// (as `backlog attach` does) and polls as the targets of one job.
///
/// ```yaml
/// erlang_nodes:
///   job: chat
///   nodes: [chat1@db3, {node: chat2@db3, port: 9200}]
///   cookie_file: /etc/backlog/erlang.cookie
///   bind: 0.0.0.0
///   options: {top_k: 50}
/// ```
///
/// The section may also be a list of such mappings, one per job (each with its own cookie).
public struct ErlangNodesConfig: Sendable, Hashable {
    /// One node and where its exporter serves.
    public struct Node: Sendable, Hashable {
        public var name: ErlangNodeName
        /// The exporter's port on the node.
        public var port: Int
        /// `host:port` the agent polls: the bind address, or the node's host when it binds every address.
        public var endpoint: String
    }

    public static let keys: Set<String> = ["job", "nodes", "cookie_file", "port", "bind", "options", "beam"]
    public static let defaultJob = "erlang"
    public static let defaultPort = 9199
    public static let defaultBind = "127.0.0.1"

    public var job: String
    public var nodes: [Node]
    /// The node's cookie file, resolved; nil means `~/.erlang.cookie` of the user running the agent.
    public var cookieFile: String?
    public var bind: String
    /// The other exporter options (`top_k`, `scan_interval_ms`, …), in the order written.
    public var options: [ExporterOption]
    /// A compiled exporter to ship instead of compiling its source.
    public var beam: String?
    /// Where the section starts, for errors at run time.
    public var origin: String

    /// One `key: value` of `options:`.
    public struct ExporterOption: Sendable, Hashable {
        public var key: String
        public var value: String
    }

    /// The options handed to the exporter's `start/1` for `node`: its port, the bind address, then the rest.
    public func exporterOptions(for node: Node) -> ExporterOptions {
        var options = ExporterOptions()
        // Checked when the config was read; a key the check let through cannot fail here.
        try? options.set("port", "\(node.port)")
        try? options.set("bind", bind)
        for option in self.options { try? options.set(option.key, option.value) }
        return options
    }

    /// The target group the nodes are polled as: one endpoint each, labelled with its node.
    public var targetGroup: TargetGroup {
        var group = TargetGroup(job: job, endpoints: nodes.map(\.endpoint), origin: origin)
        for node in nodes { group.endpointLabels[node.endpoint] = Labels([Label("node", node.name.description)]) }
        return group
    }
}

extension ErlangNodesConfig {
    /// Reads `erlang_nodes:` (a mapping, or a list of them); none when absent.
    static func load(_ section: YAMLNode?, directory: String) throws(ConfigError) -> [ErlangNodesConfig] {
        guard let section else { return [] }
        let entries = (try? section.sequence(context: "erlang_nodes")) ?? [section]
        var configs: [ErlangNodesConfig] = []
        for entry in entries {
            let config = try ErlangNodesConfig(entry, directory: directory)
            if let earlier = configs.first(where: { $0.job == config.job }) {
                throw entry.error("erlang_nodes job \"\(config.job)\" is listed twice (first at \(earlier.origin)) — job names must be unique")
            }
            configs.append(config)
        }
        return configs
    }

    init(_ section: YAMLNode, directory: String) throws(ConfigError) {
        let map = try section.mapping(allowedKeys: Self.keys, context: "erlang_nodes")
        let job = try map["job"]?.string(context: "erlang_nodes.job") ?? Self.defaultJob
        if job.isEmpty, let node = map["job"] { throw node.error("erlang_nodes.job must not be empty") }
        let cookieFile = try map["cookie_file"].map { node throws(ConfigError) in
            ConfigPaths.resolve(try node.string(context: "erlang_nodes.cookie_file"), in: directory)
        }
        let beam = try map["beam"].map { node throws(ConfigError) in
            ConfigPaths.resolve(try node.string(context: "erlang_nodes.beam"), in: directory)
        }
        let bind = try map["bind"]?.string(context: "erlang_nodes.bind") ?? Self.defaultBind
        if bind.isEmpty || bind.contains(where: { $0 == " " || $0 == "/" }), let node = map["bind"] {
            throw node.error("erlang_nodes.bind \"\(bind)\" is not an address — write it like 127.0.0.1, 10.0.0.7 or 0.0.0.0 (every address)")
        }
        let defaultPort = try Self.port(map["port"], context: "erlang_nodes.port") ?? Self.defaultPort
        var options: [ExporterOption] = []
        for option in try map["options"]?.stringMap(context: "erlang_nodes.options") ?? [] {
            if ["port", "bind"].contains(option.key) {
                throw option.node.error("erlang_nodes.options.\(option.key): set \(option.key) beside nodes:, not among the options")
            }
            var check = ExporterOptions()
            guard (try? check.set(option.key, option.value)) != nil else {
                throw option.node.error(
                    "erlang_nodes.options: \"\(option.key)\" is not an exporter option — options are lowercase names such as top_k or scan_interval_ms")
            }
            options.append(ExporterOption(key: option.key, value: option.value))
        }
        let list = try map.required("nodes", context: "erlang_nodes").sequence(context: "erlang_nodes.nodes")
        if list.isEmpty { throw section.error("erlang_nodes has no nodes — add nodes: [\"chat1@db3\"]") }
        var nodes: [Node] = []
        for item in list {
            let node = try Self.node(item, defaultPort: defaultPort, bind: bind)
            if let clash = nodes.first(where: { $0.endpoint == node.endpoint || $0.name == node.name }) {
                let reason = clash.name == node.name
                    ? "\(node.name) is listed twice"
                    : "\(node.name) would serve on \(node.endpoint) like \(clash.name) — give it a port of its own: {node: \(node.name), port: \(node.port + 1)}"
                throw item.error(reason)
            }
            nodes.append(node)
        }
        self.init(
            job: job, nodes: nodes, cookieFile: cookieFile, bind: bind, options: options, beam: beam,
            origin: "\(section.file):\(section.line)")
    }

    /// One entry of `nodes:`: `name@host`, or `{node: name@host, port: P}`.
    private static func node(_ item: YAMLNode, defaultPort: Int, bind: String) throws(ConfigError) -> Node {
        var nameNode = item
        var port = defaultPort
        if (try? item.string(context: "")) == nil {
            let map = try item.mapping(allowedKeys: ["node", "port"], context: "an erlang_nodes.nodes entry")
            nameNode = try map.required("node", context: "an erlang_nodes.nodes entry")
            port = try Self.port(map["port"], context: "port") ?? defaultPort
        }
        let text = try nameNode.string(context: "a node name")
        let name: ErlangNodeName
        do { name = try ErlangNodeName(parsing: text) } catch { throw nameNode.error("\(error)") }
        guard let endpoint = Self.endpoint(host: name.host, port: port, bind: bind) else {
            throw nameNode.error(
                "\(name) runs on another host, and its exporter would listen on \(bind) there, which only \(name.host) itself can reach — "
                    + "set erlang_nodes.bind to 0.0.0.0 (or an address of \(name.host)) to let this agent poll it")
        }
        return Node(name: name, port: port, endpoint: endpoint)
    }

    private static func port(_ node: YAMLNode?, context: String) throws(ConfigError) -> Int? {
        guard let node else { return nil }
        let port = try node.int(context: context)
        guard (1...65535).contains(port) else { throw node.error("\(context) must be between 1 and 65535, found \(port)") }
        return port
    }

    /// Where the agent reaches the exporter: the bind address itself, unless it binds every
    /// address (then the node's host). Loopback is reachable only for a node on this host.
    static func endpoint(host: String, port: Int, bind: String) -> String? {
        if bind == "0.0.0.0" || bind == "::" { return "\(bracketed(host)):\(port)" }
        if isLoopback(bind) && !LocalHost.names.contains(host) && !isLoopback(host) { return nil }
        return "\(bracketed(bind)):\(port)"
    }

    private static func isLoopback(_ address: String) -> Bool {
        address.hasPrefix("127.") || address == "::1" || address == "localhost"
    }

    private static func bracketed(_ host: String) -> String { host.contains(":") ? "[\(host)]" : host }
}

/// The names this machine goes by, as Erlang node names spell their host.
enum LocalHost {
    static let names: Set<String> = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return ["localhost"] }
        let full = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let short = String(full.prefix { $0 != "." })
        return ["localhost", full, short]
    }()
}
