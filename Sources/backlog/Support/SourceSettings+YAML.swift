import Agent
import ConfigFile
import Foundation
import Probe
import Ranking
import TimeSeries

extension SourceSettings {
    /// What `watch --config` reads when backlog.yml has a `source:` key: the source, the
    /// dashboard's interval and the backlog metrics it ranks; nil when the file has no `source:`
    /// (then it configures an agent).
    ///
    /// `source:` is a URL, or a mapping with `url` and the auth and TLS keys targets take:
    /// `bearer_token_file`, `bearer_token_env`, `basic_auth` (`username` with `password_file`
    /// or `password_env`), `tls` (`ca_file`, `insecure_skip_verify`), and `timeout`.
    static func fromConfig(path: String) throws(ConfigError)
        -> (settings: SourceSettings, interval: PromDuration, metrics: [BacklogMetric])?
    {
        let root = try YAMLNode.load(path: path)
        // Other keys are the agent's to check: a file it rejects is reported by the agent's reader.
        guard let top = try? root.mapping(allowedKeys: AgentConfig.topLevelKeys.union(["source"]), context: "backlog.yml"),
            let node = top["source"]
        else { return nil }
        let directory = (path as NSString).deletingLastPathComponent
        let interval = try top["interval"]?.duration(context: "interval") ?? .seconds(1)
        let metrics = try AgentConfig.backlogMetrics(top["backlog_metrics"])
        if let url = try? node.string(context: "source") {
            return (SourceSettings(url: url, credentials: nil, tls: TLSOptions(), timeout: .seconds(30)), interval, metrics)
        }
        let map = try node.mapping(
            allowedKeys: ["url", "bearer_token_file", "bearer_token_env", "basic_auth", "tls", "timeout"], context: "source")
        let url = try map.required("url", context: "source").string(context: "source.url")
        var credentials: [CredentialSource] = []
        if let file = map["bearer_token_file"] {
            credentials.append(.bearerTokenFile(ConfigPaths.resolve(try file.string(context: "source.bearer_token_file"), in: directory)))
        }
        if let name = map["bearer_token_env"] { credentials.append(.bearerTokenEnvironment(try name.string(context: "source.bearer_token_env"))) }
        if let basic = map["basic_auth"] {
            let auth = try basic.mapping(allowedKeys: ["username", "password_file", "password_env"], context: "source.basic_auth")
            let username = try auth.required("username", context: "source.basic_auth").string(context: "source.basic_auth.username")
            if let file = auth["password_file"] {
                let password = ConfigPaths.resolve(try file.string(context: "source.basic_auth.password_file"), in: directory)
                credentials.append(.basic(username: username, password: .file(password)))
            } else if let variable = auth["password_env"] {
                credentials.append(.basic(username: username, password: .environment(try variable.string(context: "source.basic_auth.password_env"))))
            } else {
                throw basic.error("source.basic_auth needs password_file or password_env (passwords are never written in backlog.yml)")
            }
        }
        if credentials.count > 1 { throw node.error("use one of bearer_token_file, bearer_token_env and basic_auth in source, not several") }
        var tls = TLSOptions()
        if let tlsNode = map["tls"] {
            let tlsMap = try tlsNode.mapping(allowedKeys: ["ca_file", "insecure_skip_verify"], context: "source.tls")
            if let ca = tlsMap["ca_file"] { tls.caFile = ConfigPaths.resolve(try ca.string(context: "source.tls.ca_file"), in: directory) }
            if let skip = tlsMap["insecure_skip_verify"] { tls.insecureSkipVerify = try skip.bool(context: "source.tls.insecure_skip_verify") }
        }
        let timeout = try map["timeout"]?.duration(context: "source.timeout") ?? .seconds(30)
        return (SourceSettings(url: url, credentials: credentials.first, tls: tls, timeout: timeout), interval, metrics)
    }
}
