internal import Foundation
public import ConfigFile
public import RemoteWrite
public import TimeSeries

/// The `remote_write:` list and `external_labels:` map of backlog.yml, checked and resolved
/// (credentials read from their files or the environment), Prometheus-shaped.
public struct RemoteWriteConfig: Sendable {
    public var endpoints: [RemoteWriteEndpoint]
    /// Added to every series sent (where the series lacks the label), and to alerts.
    public var externalLabels: Labels

    public init(endpoints: [RemoteWriteEndpoint] = [], externalLabels: Labels = Labels()) {
        self.endpoints = endpoints
        self.externalLabels = externalLabels
    }

    static let endpointKeys: Set<String> = [
        "url", "url_file", "url_env", "name", "basic_auth", "bearer_token_file", "bearer_token_env", "tls", "headers",
        "write_relabel_configs", "queue_config", "remote_timeout",
    ]
    static let queueKeys: Set<String> = ["max_samples_per_send", "batch_send_deadline", "max_shards", "min_backoff", "max_backoff"]

    /// Reads both sections from the top-level mapping.
    public static func load(from map: YAMLMapping, directory: String) throws(ConfigError) -> RemoteWriteConfig {
        var external: [Label] = []
        for entry in try map["external_labels"]?.stringMap(context: "external_labels") ?? [] {
            guard RelabelConfig.isLabelName(entry.key), !entry.key.hasPrefix("__") else {
                throw entry.node.error("\"\(entry.key)\" is not a valid label name for external_labels")
            }
            external.append(Label(entry.key, entry.value))
        }
        var endpoints: [RemoteWriteEndpoint] = []
        var names: [String: YAMLNode] = [:]
        for item in try map["remote_write"]?.sequence(context: "remote_write") ?? [] {
            let endpoint = try Self.endpoint(item, directory: directory)
            if names[endpoint.remoteName] != nil {
                throw item.error("two remote_write entries are both called \"\(endpoint.remoteName)\"; give each a distinct name")
            }
            names[endpoint.remoteName] = item
            endpoints.append(endpoint)
        }
        return RemoteWriteConfig(endpoints: endpoints, externalLabels: Labels(external))
    }

    static func endpoint(_ node: YAMLNode, directory: String) throws(ConfigError) -> RemoteWriteEndpoint {
        let map = try node.mapping(allowedKeys: endpointKeys, context: "a remote_write entry")
        let url = try secret(map, key: "url", directory: directory, owner: node, context: "a remote_write entry")
        guard let components = URLComponents(string: url), ["http", "https"].contains(components.scheme ?? ""),
            components.host.map({ !$0.isEmpty }) == true
        else {
            // The URL itself may hold a key, so the message does not repeat it.
            throw (map["url"] ?? map["url_file"] ?? map["url_env"] ?? node).error(
                "remote_write url must be an http:// or https:// URL with a host, such as http://victoria:8428/api/v1/write")
        }
        let name = try map["name"]?.string(context: "name")
        var auth: RemoteWriteEndpoint.Auth?
        if let basic = map["basic_auth"] {
            let basicMap = try basic.mapping(allowedKeys: ["username", "password_file", "password_env"], context: "basic_auth")
            let username = try basicMap.required("username", context: "basic_auth").string(context: "basic_auth.username")
            guard basicMap["password_file"] != nil || basicMap["password_env"] != nil else {
                throw basic.error("basic_auth needs password_file or password_env (passwords are never written in backlog.yml)")
            }
            let password = try secret(basicMap, key: "password", directory: directory, owner: basic, context: "basic_auth")
            auth = .basic(username: username, password: password)
        }
        if map["bearer_token_file"] != nil || map["bearer_token_env"] != nil {
            if let basic = map["basic_auth"] { throw basic.error("use basic_auth or a bearer token, not both") }
            auth = .bearer(try secret(map, key: "bearer_token", directory: directory, owner: node, context: "a remote_write entry"))
        }
        var headers: [(String, String)] = []
        for entry in try map["headers"]?.entries(context: "headers") ?? [] {
            let lowered = entry.key.lowercased()
            if ["content-encoding", "content-type", "x-prometheus-remote-write-version", "user-agent", "authorization"]
                .contains(lowered) {
                throw entry.keyNode.error("header \(entry.key) is set by Backlog itself (use basic_auth or bearer_token_* for Authorization)")
            }
            if entry.value.isMapping {
                let sourceMap = try entry.value.mapping(allowedKeys: ["file", "env"], context: "headers.\(entry.key)")
                headers.append((entry.key, try secret(sourceMap, key: "", directory: directory, owner: entry.value, context: "headers.\(entry.key)")))
            } else {
                headers.append((entry.key, try entry.value.string(context: "headers.\(entry.key)")))
            }
        }
        var tls = RemoteWriteEndpoint.TLS()
        if let tlsNode = map["tls"] {
            let tlsMap = try tlsNode.mapping(allowedKeys: ["ca_file", "cert_file", "key_file", "insecure_skip_verify"], context: "tls")
            tls.caFile = try tlsMap["ca_file"].map { node throws(ConfigError) in ConfigPaths.resolve(try node.string(context: "tls.ca_file"), in: directory) }
            if let client = tlsMap["cert_file"] ?? tlsMap["key_file"] {
                throw client.error("tls.cert_file and tls.key_file (client certificates) are not supported yet; use basic_auth or a bearer token")
            }
            tls.insecureSkipVerify = try tlsMap["insecure_skip_verify"]?.bool(context: "tls.insecure_skip_verify") ?? false
        }
        return RemoteWriteEndpoint(
            name: name, url: url, auth: auth, headers: headers, tls: tls,
            writeRelabelConfigs: try RelabelConfig.list(map["write_relabel_configs"], context: "write_relabel_configs"),
            queue: try queue(map["queue_config"]),
            timeout: try map["remote_timeout"]?.duration(context: "remote_timeout") ?? .seconds(30))
    }

    static func queue(_ node: YAMLNode?) throws(ConfigError) -> RemoteWriteEndpoint.Queue {
        var queue = RemoteWriteEndpoint.Queue()
        guard let node else { return queue }
        let map = try node.mapping(allowedKeys: queueKeys, context: "queue_config")
        func positive(_ key: String) throws(ConfigError) -> Int? {
            guard let value = map[key] else { return nil }
            let number = try value.int(context: "queue_config.\(key)")
            guard number > 0 else { throw value.error("queue_config.\(key) must be above 0") }
            return number
        }
        func duration(_ key: String) throws(ConfigError) -> PromDuration? {
            guard let value = map[key] else { return nil }
            let parsed = try value.duration(context: "queue_config.\(key)")
            guard parsed.milliseconds > 0 else { throw value.error("queue_config.\(key) must be above 0") }
            return parsed
        }
        queue = RemoteWriteEndpoint.Queue(
            maxSamplesPerSend: try positive("max_samples_per_send") ?? queue.maxSamplesPerSend,
            batchSendDeadline: try duration("batch_send_deadline") ?? queue.batchSendDeadline,
            maxShards: try positive("max_shards") ?? queue.maxShards,
            minBackoff: try duration("min_backoff") ?? queue.minBackoff,
            maxBackoff: try duration("max_backoff") ?? queue.maxBackoff)
        if let maxNode = map["max_backoff"], queue.maxBackoff < queue.minBackoff {
            throw maxNode.error("queue_config.max_backoff must be at least min_backoff")
        }
        return queue
    }

    /// A value given as `<key>` (only for `url`), `<key>_file` or `<key>_env` (`file`/`env` when
    /// `key` is empty): exactly one of them; file contents lose a trailing newline.
    static func secret(
        _ map: YAMLMapping, key: String, directory: String, owner: YAMLNode, context: String
    ) throws(ConfigError) -> String {
        let fileKey = key.isEmpty ? "file" : "\(key)_file"
        let envKey = key.isEmpty ? "env" : "\(key)_env"
        let plain = key == "url" ? map["url"] : nil
        let given = [plain, map[fileKey], map[envKey]].compactMap { $0 }
        guard given.count == 1, let node = given.first else {
            let options = (key == "url" ? ["url"] : []) + [fileKey, envKey]
            throw (given.dropFirst().first ?? owner).error("\(context) needs exactly one of \(options.joined(separator: ", "))")
        }
        if let plain { return try plain.string(context: "url") }
        if let file = map[fileKey] {
            let path = ConfigPaths.resolve(try file.string(context: fileKey), in: directory)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw file.error("cannot read \(fileKey) \(path)")
            }
            return text.trimmingCharacters(in: .newlines)
        }
        let variable = try node.string(context: envKey)
        guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else {
            throw node.error("environment variable \(variable) (\(envKey)) is not set")
        }
        return value
    }
}
