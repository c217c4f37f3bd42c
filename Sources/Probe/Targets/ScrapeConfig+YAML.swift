public import ConfigFile
import Foundation
import TimeSeries

extension ScrapeConfig {
    static let groupKeys: Set<String> = Set([
        "job", "targets", "targets_file", "labels", "metrics_path", "scheme", "tls", "bearer_token_file",
        "bearer_token_env", "basic_auth", "max_body_bytes",
    ]).union(ScrapeLimits.keys)

    /// Reads `interval`, `timeout`, `targets`, `shard` and the limits (`sample_limit`, …) from
    /// backlog.yml's top-level mapping.
    ///
    /// Relative paths (targets files, token files) are taken from the config file's folder.
    public init(from root: YAMLMapping) throws(ConfigError) {
        let interval = try root["interval"]?.duration(context: "interval") ?? ScrapeConfig.defaultInterval
        if interval.milliseconds <= 0, let node = root["interval"] { throw node.error("interval must be above 0s") }
        let timeout = try root["timeout"]?.duration(context: "timeout")
        if let timeout, let node = root["timeout"] {
            if timeout.milliseconds <= 0 { throw node.error("timeout must be above 0s") }
            if timeout > interval {
                throw node.error("timeout \(timeout) is longer than the interval \(interval) — make it shorter, or poll less often")
            }
        }
        let directory = ConfigPaths.directory(of: root.owner.file)
        let limits = try ScrapeLimits(from: root, over: .defaults)
        var groups: [TargetGroup] = []
        for node in try root["targets"]?.sequence(context: "targets") ?? [] {
            let group = try TargetGroup(from: node, relativeTo: directory, limits: limits)
            if let earlier = groups.first(where: { $0.job == group.job }) {
                throw node.error("job \"\(group.job)\" is listed twice (first at \(earlier.origin)) — job names must be unique")
            }
            groups.append(group)
        }
        let shard = try root["shard"].map { node throws(ConfigError) in try Shard(from: node) } ?? .whole
        self.init(interval: interval, timeout: timeout, groups: groups, shard: shard, limits: limits)
    }
}

extension TargetGroup {
    /// Reads one `targets:` entry; limits it does not set are taken from `limits`, the top level's.
    init(from node: YAMLNode, relativeTo directory: String, limits: ScrapeLimits) throws(ConfigError) {
        let map = try node.mapping(allowedKeys: ScrapeConfig.groupKeys, context: "a targets entry")
        let job = try map.required("job", context: "a targets entry").string(context: "job")
        guard !job.isEmpty else { throw node.error("job must not be empty") }
        var endpoints: [String] = []
        for item in try map["targets"]?.sequence(context: "targets") ?? [] {
            let endpoint = try item.string(context: "a target")
            try TargetGroup.checkEndpoint(endpoint, node: item)
            endpoints.append(endpoint)
        }
        let targetsFile = try map["targets_file"].map { node throws(ConfigError) in
            TargetGroup.resolve(try node.string(context: "targets_file"), in: directory)
        }
        if endpoints.isEmpty && targetsFile == nil {
            throw node.error("job \"\(job)\" has no targets — add targets: [\"host:9199\"] or targets_file: FILE")
        }
        var labels: [Label] = []
        for entry in try map["labels"]?.stringMap(context: "labels") ?? [] {
            try TargetGroup.checkLabelName(entry.key, node: entry.node)
            if entry.key == "job" || entry.key == "instance" {
                throw entry.node.error("label \"\(entry.key)\" is set by the agent — use job: or list the target instead")
            }
            labels.append(Label(entry.key, entry.value))
        }
        let scheme = try map["scheme"]?.string(context: "scheme") ?? "http"
        guard scheme == "http" || scheme == "https" else {
            throw map["scheme"]!.error("scheme must be http or https, not \"\(scheme)\"")
        }
        let metricsPath = try map["metrics_path"]?.string(context: "metrics_path") ?? "/metrics"
        guard metricsPath.hasPrefix("/") else {
            throw map["metrics_path"]!.error("metrics_path must start with \"/\", as in /metrics")
        }
        var tls = TLSOptions()
        if let tlsNode = map["tls"] {
            let tlsMap = try tlsNode.mapping(allowedKeys: ["ca_file", "insecure_skip_verify"], context: "tls")
            tls.caFile = try tlsMap["ca_file"].map { node throws(ConfigError) in
                TargetGroup.resolve(try node.string(context: "tls.ca_file"), in: directory)
            }
            tls.insecureSkipVerify = try tlsMap["insecure_skip_verify"]?.bool(context: "tls.insecure_skip_verify") ?? false
        }
        let maxBody = try map["max_body_bytes"]?.int(context: "max_body_bytes") ?? HTTPRequestSpec.defaultMaxBodyBytes
        if maxBody <= 0 { throw map["max_body_bytes"]!.error("max_body_bytes must be above 0") }
        self.init(
            job: job, endpoints: endpoints, targetsFile: targetsFile, labels: Labels(labels),
            metricsPath: metricsPath, scheme: scheme, tls: tls,
            credentials: try TargetGroup.credentials(from: map, relativeTo: directory), maxBodyBytes: maxBody,
            limits: try ScrapeLimits(from: map, over: limits), origin: "\(node.file):\(node.line)")
    }

    static func credentials(from map: YAMLMapping, relativeTo directory: String) throws(ConfigError) -> CredentialSource? {
        var found: [CredentialSource] = []
        if let node = map["bearer_token_file"] {
            found.append(.bearerTokenFile(resolve(try node.string(context: "bearer_token_file"), in: directory)))
        }
        if let node = map["bearer_token_env"] {
            found.append(.bearerTokenEnvironment(try node.string(context: "bearer_token_env")))
        }
        if let node = map["basic_auth"] {
            let auth = try node.mapping(allowedKeys: ["username", "password_file", "password_env"], context: "basic_auth")
            let username = try auth.required("username", context: "basic_auth").string(context: "basic_auth.username")
            let password: SecretSource
            if let file = auth["password_file"] {
                password = .file(resolve(try file.string(context: "basic_auth.password_file"), in: directory))
            } else if let variable = auth["password_env"] {
                password = .environment(try variable.string(context: "basic_auth.password_env"))
            } else {
                throw node.error("basic_auth needs password_file or password_env (passwords are never written in backlog.yml)")
            }
            found.append(.basic(username: username, password: password))
        }
        if found.count > 1, let node = map["basic_auth"] ?? map["bearer_token_env"] {
            throw node.error("use one of bearer_token_file, bearer_token_env and basic_auth, not several")
        }
        return found.first
    }

    static func checkEndpoint(_ endpoint: String, node: YAMLNode) throws(ConfigError) {
        let parts = endpoint.split(separator: ":", omittingEmptySubsequences: false)
        let portText = parts.last.map(String.init) ?? ""
        guard !endpoint.contains("/"), parts.count >= 2, !parts[0].isEmpty, let port = Int(portText), (1...65535).contains(port)
        else {
            throw node.error("target \"\(endpoint)\" must be host:port, such as \"chat1:9199\" (scheme and path are set per job)")
        }
    }

    static func checkLabelName(_ name: String, node: YAMLNode) throws(ConfigError) {
        let bytes = Array(name.utf8)
        let valid = !bytes.isEmpty && !(bytes[0] >= 0x30 && bytes[0] <= 0x39) && !name.hasPrefix("__")
            && bytes.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F }
        guard valid else {
            throw node.error("\"\(name)\" is not a valid label name — use letters, digits and _, not starting with a digit or __")
        }
    }

    static func resolve(_ path: String, in directory: String) -> String { ConfigPaths.resolve(path, in: directory) }
}
