public import ConfigFile
import TimeSeries

extension ReceiverConfig {
    static let receiverKeys: Set<String> = [
        "name", "webhook", "alertmanager", "slack", "match", "match_re", "group_by", "group_wait", "group_interval",
        "repeat_interval",
    ]
    static let authKeys: Set<String> = ["timeout", "bearer_token_file", "bearer_token_env", "basic_auth", "headers"]
    /// Alertmanager's grouping knobs: webhook and Slack receivers take them; an `alertmanager`
    /// receiver gets every alert as Prometheus sends them and Alertmanager groups them itself.
    static let groupingKeys = ["group_by", "group_wait", "group_interval", "repeat_interval"]

    /// Reads the `receivers` section of backlog.yml; every mistake is `file:line:column: message`.
    public static func parseAll(_ node: YAMLNode?, secrets: SecretReader) throws(ConfigError) -> [ReceiverConfig] {
        guard let node, !node.isNull else { return [] }
        var receivers: [ReceiverConfig] = []
        for item in try node.sequence(context: "receivers") {
            let receiver = try parse(item, secrets: secrets)
            if receivers.contains(where: { $0.name == receiver.name }) {
                throw item.error("receiver name \"\(receiver.name)\" is used twice; names key the outbox, so they must differ")
            }
            receivers.append(receiver)
        }
        return receivers
    }

    static func parse(_ node: YAMLNode, secrets: SecretReader) throws(ConfigError) -> ReceiverConfig {
        let map = try node.mapping(allowedKeys: receiverKeys, context: "a receiver")
        let name = try map.required("name", context: "a receiver").string(context: "name")
        if name.isEmpty || name.contains("#") { throw map["name"]!.error("receiver name must be non-empty and without \"#\"") }
        let context = "receiver \"\(name)\""
        let kinds = ["webhook", "alertmanager", "slack"].filter { map[$0] != nil }
        guard kinds.count == 1, let kindName = kinds.first, let kindNode = map[kindName] else {
            throw node.error("\(context) needs exactly one of webhook, alertmanager or slack")
        }
        var maxAlerts = 0
        var sendResolved = true
        let kind: Kind
        switch kindName {
        case "webhook":
            let section = try kindNode.mapping(
                allowedKeys: authKeys.union(["url", "url_file", "url_env", "max_alerts", "send_resolved"]), context: "\(context).webhook")
            kind = .webhook(try endpoint(section, urlNode: kindNode, secrets: secrets, context: "\(context).webhook"))
            maxAlerts = try section["max_alerts"]?.int(context: "max_alerts") ?? 0
            if maxAlerts < 0 { throw section["max_alerts"]!.error("max_alerts must be 0 (no limit) or more") }
            sendResolved = try section["send_resolved"]?.bool(context: "send_resolved") ?? true
        case "slack":
            let section = try kindNode.mapping(allowedKeys: ["url_file", "url_env", "timeout", "send_resolved"], context: "\(context).slack")
            kind = .slack(try endpoint(section, urlNode: kindNode, secrets: secrets, context: "\(context).slack"))
            sendResolved = try section["send_resolved"]?.bool(context: "send_resolved") ?? true
        default:
            // Accepting them would silently change nothing, which reads as if they worked.
            if let key = groupingKeys.first(where: { map.keyNode($0) != nil }), let keyNode = map.keyNode(key) {
                throw keyNode.error(
                    "\(context): \(key) does not apply to an alertmanager receiver, which gets every alert as Prometheus sends "
                        + "them; remove it and set grouping in Alertmanager's own route (alertmanager.yml)")
            }
            let section = try kindNode.mapping(allowedKeys: authKeys.union(["urls"]), context: "\(context).alertmanager")
            let urlsNode = try section.required("urls", context: "\(context).alertmanager")
            var endpoints: [DeliveryEndpoint] = []
            for urlNode in try urlsNode.sequence(context: "urls") {
                var base = try checkedURL(try urlNode.string(context: "urls entry"), at: urlNode)
                while base.hasSuffix("/") { base.removeLast() }
                var endpoint = try endpoint(section, urlNode: urlNode, secrets: secrets, context: "\(context).alertmanager", fixedURL: base + "/api/v2/alerts")
                endpoint.timeout = try section["timeout"]?.duration(context: "timeout") ?? .seconds(10)
                endpoints.append(endpoint)
            }
            if endpoints.isEmpty { throw urlsNode.error("\(context).alertmanager.urls needs at least one URL") }
            kind = .alertmanager(endpoints)
        }
        return ReceiverConfig(
            name: name, kind: kind, route: try route(map), grouping: try grouping(map, context: context), maxAlerts: maxAlerts,
            sendResolved: sendResolved)
    }

    static func endpoint(
        _ section: YAMLMapping, urlNode: YAMLNode, secrets: SecretReader, context: String, fixedURL: String? = nil
    ) throws(ConfigError) -> DeliveryEndpoint {
        var url = fixedURL
        if url == nil {
            let plain = try section["url"].map { node throws(ConfigError) in try checkedURL(try node.string(context: "url"), at: node) }
            let secret = try secrets.read(section, prefix: "url", context: context)
            if plain != nil, secret != nil { throw urlNode.error("\(context): give one of url, url_file or url_env") }
            guard let found = plain ?? secret?.value else { throw urlNode.error("\(context) needs url, url_file or url_env") }
            url = try checkedURL(found, at: section["url_file"] ?? section["url_env"] ?? urlNode, secret: plain == nil)
        }
        var endpoint = DeliveryEndpoint(url: url!)
        endpoint.timeout = try section["timeout"]?.duration(context: "\(context).timeout") ?? .seconds(10)
        if endpoint.timeout.milliseconds <= 0 { throw section["timeout"]!.error("\(context).timeout must be above 0") }
        endpoint.bearerToken = try secrets.read(section, prefix: "bearer_token", context: context)
        if let auth = section["basic_auth"] {
            let authMap = try auth.mapping(allowedKeys: ["username", "password_file", "password_env"], context: "\(context).basic_auth")
            let username = try authMap.required("username", context: "\(context).basic_auth").string(context: "username")
            guard let password = try secrets.read(authMap, prefix: "password", context: "\(context).basic_auth") else {
                throw auth.error("\(context).basic_auth needs password_file or password_env")
            }
            endpoint.basicAuth = (username, password)
        }
        if let headers = section["headers"] {
            for entry in try headers.entries(context: "\(context).headers") {
                let valueMap = try entry.value.mapping(allowedKeys: ["file", "env"], context: "header \(entry.key)")
                guard let value = try secrets.read(valueMap, fileKey: "file", envKey: "env", context: "\(context).headers.\(entry.key)") else {
                    throw entry.value.error("header \(entry.key) needs file or env")
                }
                endpoint.headers.append((entry.key, value))
            }
        }
        return endpoint
    }

    /// An http(s) URL; a secret one is described without its text.
    static func checkedURL(_ url: String, at node: YAMLNode, secret: Bool = false) throws(ConfigError) -> String {
        let shown = secret ? EndpointText.schemeAndHost(url) : url
        guard url.hasPrefix("http://") || url.hasPrefix("https://"), EndpointText.schemeAndHost(url).count > url.prefix(while: { $0 != ":" }).count + 3
        else { throw node.error("\"\(shown)\" is not an http:// or https:// URL with a host") }
        return url
    }

    static func route(_ map: YAMLMapping) throws(ConfigError) -> AlertRoute {
        var matchers: [LabelMatcher] = []
        for (key, value, _) in try map["match"]?.stringMap(context: "match") ?? [] { matchers.append(.equal(key, value)) }
        for (key, value, node) in try map["match_re"]?.stringMap(context: "match_re") ?? [] {
            do { matchers.append(try LabelMatcher(key, .regexMatch, value)) } catch {
                throw node.error("match_re.\(key): \(error.description)")
            }
        }
        return AlertRoute(matchers: matchers)
    }

    static func grouping(_ map: YAMLMapping, context: String) throws(ConfigError) -> GroupingOptions {
        var options = GroupingOptions()
        if let node = map["group_by"] {
            let labels = try node.stringList(context: "group_by")
            options.groupBy = labels.contains("...") ? nil : labels
            if labels.contains("..."), labels.count > 1 { throw node.error("group_by: \"...\" already means every label; list nothing else") }
        }
        options.groupWait = try map["group_wait"]?.duration(context: "group_wait") ?? options.groupWait
        options.groupInterval = try map["group_interval"]?.duration(context: "group_interval") ?? options.groupInterval
        options.repeatInterval = try map["repeat_interval"]?.duration(context: "repeat_interval") ?? options.repeatInterval
        if options.repeatInterval < options.groupInterval, let node = map["repeat_interval"] {
            throw node.error("\(context): repeat_interval must be at least group_interval (\(options.groupInterval))")
        }
        return options
    }
}
