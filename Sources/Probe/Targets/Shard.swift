import TimeSeries

/// Which part of the targets this agent polls: `shard: {total, index}` in backlog.yml.
///
/// A target belongs to shard `hashmod(__address__, total)`, exactly as Prometheus's `hashmod`
/// relabel action computes it, so a Backlog agent and a Prometheus server given the same
/// `total` and `index` poll the same targets. The hashed string is the target's address as
/// written in `targets:` or a targets file (`host:port`, byte for byte: no scheme, no path, no
/// default port added, no name resolved), which is what Prometheus puts in `__address__`.
/// Job, labels, scheme and path play no part, so one address is in one shard in every job.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// One shard holding every target: what an agent without `shard:` polls.
    public static let whole = Shard(uncheckedTotal: 1, index: 0)

    /// How many agents share the targets; at least 1.
    public let total: Int
    /// This agent's shard, from 0 to `total - 1`: the value `hashmod` gives its targets.
    public let index: Int

    /// A shard, or nil when `total` is below 1 or `index` is outside `0..<total`.
    public init?(total: Int, index: Int) {
        guard total >= 1, (0..<total).contains(index) else { return nil }
        self.init(uncheckedTotal: total, index: index)
    }

    private init(uncheckedTotal total: Int, index: Int) {
        self.total = total
        self.index = index
    }

    /// True when there is only one shard, so every target is polled here.
    public var isWhole: Bool { total == 1 }

    /// The shard `address` (a target's `__address__`, `host:port`) belongs to when there are `total`.
    public static func index(of address: String, total: Int) -> Int {
        Int(Relabeler.hashmod(address, modulus: UInt64(total)))
    }

    /// Whether this shard polls `target`.
    public func contains(_ target: ScrapeTarget) -> Bool {
        isWhole || Shard.index(of: target.address, total: total) == index
    }

    /// The targets this shard polls, in their order, and the ones left to the other shards.
    public func split(_ targets: [ScrapeTarget]) -> (polled: [ScrapeTarget], others: [ScrapeTarget]) {
        if isWhole { return (targets, []) }
        var polled: [ScrapeTarget] = []
        var others: [ScrapeTarget] = []
        for target in targets {
            if contains(target) { polled.append(target) } else { others.append(target) }
        }
        return (polled, others)
    }

    /// `shard 2 of 4`: the index counts from 0, as `hashmod`'s value does.
    public var description: String { "shard \(index) of \(total)" }
}
