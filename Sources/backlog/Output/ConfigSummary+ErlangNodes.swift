import Agent

extension ConfigSummary {
    /// One line per `erlang_nodes` job: the nodes the agent attaches to, and how.
    static func erlangNodes(_ config: AgentConfig) -> String {
        var out = ""
        for (index, section) in config.erlangNodes.enumerated() {
            out += index == 0 ? "  attach    " : "            "
            out += "job \(section.job): \(section.nodes.map(\.name.description).joined(separator: ", "))"
            out += " (cookie \(section.cookieFile ?? "~/.erlang.cookie"), bind \(section.bind)"
            out += section.options.isEmpty ? "" : ", " + section.options.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            out += ")\n"
        }
        return out
    }
}
