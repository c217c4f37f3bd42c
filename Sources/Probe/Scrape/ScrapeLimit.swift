/// One of the scrape limits, named by its backlog.yml key (Prometheus's name for it).
public enum ScrapeLimit: String, Sendable, Hashable, CaseIterable {
    case sample = "sample_limit"
    case label = "label_limit"
    case labelNameLength = "label_name_length_limit"
    case labelValueLength = "label_value_length_limit"
    case target = "target_limit"

    /// The backlog.yml key.
    public var key: String { rawValue }

    /// What its value counts, for a config error that says how to write it.
    var meaning: String {
        switch self {
        case .sample: "the most samples one scrape may hold, such as 50000"
        case .label: "the most labels one series may have, such as 64"
        case .labelNameLength: "the longest label name in bytes, such as 256"
        case .labelValueLength: "the longest label value in bytes, such as 4096"
        case .target: "the most targets the job may have, such as 1000"
        }
    }
}

/// A scrape over one of its target's limits, or a group over its `target_limit`: which limit,
/// and what went over it.
public struct ScrapeLimitExceeded: Error, Sendable, Equatable, CustomStringConvertible {
    public var limit: ScrapeLimit
    /// How many samples, labels, bytes or targets there were.
    public var found: Int
    /// The limit's value.
    public var value: Int
    /// What was over, in words: `61234 samples`, `label "name" on "q" has a value of 5000 bytes`.
    public var detail: String

    public init(limit: ScrapeLimit, found: Int, value: Int, detail: String) {
        self.limit = limit
        self.found = found
        self.value = value
        self.detail = detail
    }

    /// `sample_limit exceeded: 61234 samples, limit 50000`: the limit's key first, so it shows
    /// where a reason is cut short, as in the dashboard's nodes panel.
    public var description: String { "\(limit.key) exceeded: \(detail), limit \(value)" }
}
