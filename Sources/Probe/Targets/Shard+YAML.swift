public import ConfigFile

extension Shard {
    /// Reads `shard: {total: N, index: I}`; both keys are required.
    public init(from node: YAMLNode) throws(ConfigError) {
        let map = try node.mapping(allowedKeys: ["total", "index"], context: "shard")
        let example = "as in shard: {total: 4, index: 2} for the third of four agents"
        guard let totalNode = map["total"], let indexNode = map["index"] else {
            let missing = map["total"] == nil ? "total (how many agents share the targets)" : "index (this agent's shard, from 0)"
            throw node.error("shard needs \(missing), \(example)")
        }
        let total = try totalNode.int(context: "shard.total")
        guard total >= 1 else {
            throw totalNode.error("shard.total must be at least 1 (the number of agents that share the targets), not \(total)")
        }
        let index = try indexNode.int(context: "shard.index")
        guard let shard = Shard(total: total, index: index) else {
            let range = total == 1 ? "use 0" : "use 0 to \(total - 1)"
            throw indexNode.error(
                "shard.index \(index) is not a shard of \(total) — shards count from 0, as hashmod's value does: \(range)")
        }
        self = shard
    }
}
