public import ConfigFile

extension ScrapeLimits {
    /// The backlog.yml keys, the same at the top level (every group's defaults) and in a
    /// `targets:` entry (that group's own), as Prometheus has them in `global:` and in a scrape config.
    public static let keys: Set<String> = Set(ScrapeLimit.allCases.map(\.key))

    /// The limits `map` sets, the others taken from `base`: the top level over `defaults`, a
    /// group over the top level.
    public init(from map: YAMLMapping, over base: ScrapeLimits) throws(ConfigError) {
        self = base
        for limit in ScrapeLimit.allCases {
            if let node = map[limit.key] { self[limit] = try Self.value(of: node, for: limit) }
        }
    }

    /// A whole number of 0 or more; the error says what the number counts.
    private static func value(of node: YAMLNode, for limit: ScrapeLimit) throws(ConfigError) -> Int {
        let fix = "write \(limit.meaning), or 0 for no limit"
        let value: Int
        do {
            value = try node.int(context: limit.key)
        } catch {
            throw node.error("\(error.message) — \(fix)")
        }
        guard value >= 0 else { throw node.error("\(limit.key) must not be negative, found \(value) — \(fix)") }
        return value
    }
}
