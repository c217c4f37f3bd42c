import ConfigFile
import Probe

extension ScrapeConfig {
    /// The scrape config with a target group per `erlang_nodes` job, under the top-level limits.
    func adding(_ erlangNodes: [ErlangNodesConfig], section: YAMLNode?) throws(ConfigError) -> ScrapeConfig {
        var config = self
        for nodes in erlangNodes {
            if let clash = groups.first(where: { $0.job == nodes.job }), let section {
                throw section.error(
                    "erlang_nodes job \"\(nodes.job)\" is also a targets job (at \(clash.origin)) — give erlang_nodes a job: of its own")
            }
            var group = nodes.targetGroup
            group.limits = limits
            config.groups.append(group)
        }
        return config
    }
}
