/// How to start an `ErlangNode`.
public struct ErlangNodeConfiguration: Sendable {
    /// `+P`: the most processes the node may have; nil keeps erl's default (262,144).
    public var processLimit: Int?
    /// Starts distribution under this short name (`-sname`, random cookie, no epmd daemon:
    /// the control module finds peers, see `ErlangNode.connect(to:)`), so `node()` is
    /// `name@host`; nil leaves the node `nonode@nohost`.
    public var shortName: String?
    /// Erlang expressions evaluated in order before the exporter starts, e.g.
    /// `"backlog_test_control:spawn_idle(10000)"`.
    public var setup: [String]
    /// Associations for `backlog_exporter:start/1` (`"top_k => 5"`); `port => 0` is added
    /// unless one names the port. nil starts no exporter.
    public var exporterOptions: [String]?
    /// How long booting, each setup expression and the exporter's first answer may take.
    public var startTimeout: Duration

    public init(
        processLimit: Int? = nil, shortName: String? = nil, setup: [String] = [],
        exporterOptions: [String]? = [], startTimeout: Duration = .seconds(30)
    ) {
        self.processLimit = processLimit
        self.shortName = shortName
        self.setup = setup
        self.exporterOptions = exporterOptions
        self.startTimeout = startTimeout
    }

    /// The arguments after `erl`.
    func erlArguments(beams: String, cookie: String) -> [String] {
        // No busy-waiting schedulers: test nodes share two cores with everything else.
        var arguments = ["-noshell", "+sbwt", "none", "+sbwtdcpu", "none", "+sbwtdio", "none", "-pa", beams]
        if let processLimit { arguments += ["+P", String(processLimit)] }
        if let shortName {
            // Port 0 and no epmd daemon: distribution is up with nothing to clean up; the control
            // module, as epmd module, knows the ports of the peers the test introduced.
            arguments += [
                "-sname", shortName, "-setcookie", cookie, "-start_epmd", "false", "-erl_epmd_port", "0",
                "-epmd_module", ControlModule.name,
            ]
        }
        return arguments + ["-s", ControlModule.name, "main"]
    }

    /// The map literal `backlog_exporter:start/1` gets, or nil when no exporter is wanted.
    var exporterStartMap: String? {
        guard var options = exporterOptions else { return nil }
        let namesPort = options.contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("port") }
        if !namesPort { options.append("port => 0") }
        return "#{" + options.joined(separator: ", ") + "}"
    }
}
