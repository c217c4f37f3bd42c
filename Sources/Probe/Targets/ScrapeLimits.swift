import TimeSeries

/// How much one scrape may bring in, with Prometheus's names and meaning: `sample_limit`,
/// `label_limit`, `label_name_length_limit`, `label_value_length_limit` per scrape, and
/// `target_limit` per target group. A scrape over any of them fails whole; 0 means no limit.
///
/// Set at the top of backlog.yml for every group, and in a `targets:` entry for that group.
public struct ScrapeLimits: Sendable, Hashable {
    /// The defaults: far above what the Erlang exporter serves, which bounds itself (at most
    /// `max_series`, 500 by default, per-process series plus about 30 VM series, label values
    /// at most two 255-character atoms and an arity), yet low enough that a runaway target
    /// cannot take the agent's memory. Groups are not limited by default: only the operator
    /// knows how large the fleet is.
    public static let defaults = ScrapeLimits(
        sampleLimit: 50_000, labelLimit: 64, labelNameLengthLimit: 256, labelValueLengthLimit: 4096, targetLimit: 0)

    /// No limit at all.
    public static let none = ScrapeLimits(sampleLimit: 0, labelLimit: 0, labelNameLengthLimit: 0, labelValueLengthLimit: 0, targetLimit: 0)

    /// Most samples one scrape may hold (the exposition's own, not `up` and `scrape_*`).
    public var sampleLimit: Int
    /// Most labels one series may have, `__name__`, `job`, `instance` and the group's labels included.
    public var labelLimit: Int
    /// Longest label name, in bytes.
    public var labelNameLengthLimit: Int
    /// Longest label value, in bytes.
    public var labelValueLengthLimit: Int
    /// Most targets one group may resolve to in this agent's shard.
    public var targetLimit: Int

    public init(sampleLimit: Int, labelLimit: Int, labelNameLengthLimit: Int, labelValueLengthLimit: Int, targetLimit: Int) {
        self.sampleLimit = sampleLimit
        self.labelLimit = labelLimit
        self.labelNameLengthLimit = labelNameLengthLimit
        self.labelValueLengthLimit = labelValueLengthLimit
        self.targetLimit = targetLimit
    }

    /// The limits by their backlog.yml keys, in the order the docs list them.
    public var settings: [(limit: ScrapeLimit, value: Int)] {
        [
            (.sample, sampleLimit), (.label, labelLimit), (.labelNameLength, labelNameLengthLimit),
            (.labelValueLength, labelValueLengthLimit), (.target, targetLimit),
        ]
    }

    /// The value of one limit.
    public subscript(limit: ScrapeLimit) -> Int {
        get {
            switch limit {
            case .sample: sampleLimit
            case .label: labelLimit
            case .labelNameLength: labelNameLengthLimit
            case .labelValueLength: labelValueLengthLimit
            case .target: targetLimit
            }
        }
        set {
            switch limit {
            case .sample: sampleLimit = newValue
            case .label: labelLimit = newValue
            case .labelNameLength: labelNameLengthLimit = newValue
            case .labelValueLength: labelValueLengthLimit = newValue
            case .target: targetLimit = newValue
            }
        }
    }

    /// Whether the three label limits are the same as `other`'s.
    func hasSameLabelLimits(as other: ScrapeLimits) -> Bool {
        labelLimit == other.labelLimit && labelNameLengthLimit == other.labelNameLengthLimit
            && labelValueLengthLimit == other.labelValueLengthLimit
    }

    /// Why a series labelled `labels` (as stored: the target's labels added) breaks a label
    /// limit, or nil when it breaks none. Checked as Prometheus checks it: the count first,
    /// then each label in name order, its name's length before its value's, in bytes.
    func labelViolation(_ labels: Labels) -> ScrapeLimitExceeded? {
        if labelLimit > 0, labels.count > labelLimit {
            let names = MessageText.shortened(labels.map(\.name).joined(separator: ", "))
            return ScrapeLimitExceeded(
                limit: .label, found: labels.count, value: labelLimit,
                detail: "\(labels.count) labels on \(Self.metric(labels)) (\(names))")
        }
        guard labelNameLengthLimit > 0 || labelValueLengthLimit > 0 else { return nil }
        for label in labels {
            let nameLength = label.name.utf8.count
            if labelNameLengthLimit > 0, nameLength > labelNameLengthLimit {
                return ScrapeLimitExceeded(
                    limit: .labelNameLength, found: nameLength, value: labelNameLengthLimit,
                    detail: "label name \(MessageText.quoted(label.name)) on \(Self.metric(labels)) is \(nameLength) bytes")
            }
            let valueLength = label.value.utf8.count
            if labelValueLengthLimit > 0, valueLength > labelValueLengthLimit {
                return ScrapeLimitExceeded(
                    limit: .labelValueLength, found: valueLength, value: labelValueLengthLimit,
                    detail: "label \(MessageText.quoted(label.name)) on \(Self.metric(labels)) has a value of \(valueLength) bytes")
            }
        }
        return nil
    }

    /// The series' metric name for a message, quoted and shortened: it may be what is too long.
    private static func metric(_ labels: Labels) -> String {
        MessageText.quoted(labels.name)
    }
}
