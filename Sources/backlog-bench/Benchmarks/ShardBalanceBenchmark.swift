import Probe

/// How evenly `hashmod` spreads targets over shards: the largest shard's target count over the
/// mean, for 1,000 and 10,000 addresses at 4 and 16 shards. 1 is a perfect split; the figure is
/// deterministic, as the addresses are fixed. Half the addresses are host names
/// (`chat<i>.example:9199`), half IPv4 (`10.x.y.z:9199`), as fleets name nodes either way.
enum ShardBalanceBenchmark {
    static func run() -> [BenchmarkResult] {
        var results: [BenchmarkResult] = []
        for count in [1_000, 10_000] {
            let addresses = addresses(count)
            for total in [4, 16] {
                var sizes = [Int](repeating: 0, count: total)
                for address in addresses { sizes[Shard.index(of: address, total: total)] += 1 }
                let mean = Double(count) / Double(total)
                results.append(BenchmarkResult(
                    name: "shard_balance_\(count)_targets_\(total)_shards", value: Double(sizes.max() ?? 0) / mean, unit: "ratio"))
            }
        }
        return results
    }

    /// `count` distinct addresses: host names for the even indices, IPv4 for the odd ones.
    static func addresses(_ count: Int) -> [String] {
        (0..<count).map { i in
            i.isMultiple(of: 2) ? "chat\(i / 2).example:9199" : "10.\(i / 65_536 % 256).\(i / 256 % 256).\(i % 256):9199"
        }
    }
}
