public import ConfigFile
public import TimeSeries

/// Rules evaluated together, in order, so a recording rule's output is visible to the rules
/// after it in the same evaluation.
public struct RuleGroup: Sendable {
    public var name: String
    /// The file the group came from; groups are told apart by file and name.
    public var file: String
    /// Evaluate at most this often; nil means after every poll cycle.
    public var interval: PromDuration?
    /// Most alerts (or recorded series) one rule may produce; 0 means no limit.
    public var limit: Int
    public var rules: [Rule]
    public var location: SourceLocation

    public init(
        name: String, file: String = "", interval: PromDuration? = nil, limit: Int = 0, rules: [Rule],
        location: SourceLocation? = nil
    ) {
        self.name = name
        self.file = file
        self.interval = interval
        self.limit = limit
        self.rules = rules
        self.location = location ?? SourceLocation(file: file, line: 0, column: 0)
    }

    public var alertingRuleCount: Int { rules.count { if case .alerting = $0 { true } else { false } } }
    public var recordingRuleCount: Int { rules.count - alertingRuleCount }
}

/// The groups of one rule file.
public struct RuleFile: Sendable {
    public var path: String
    public var groups: [RuleGroup]

    public init(path: String, groups: [RuleGroup]) {
        self.path = path
        self.groups = groups
    }
}

/// Every error found in one or more rule files, each as `file:line:column: message`.
public struct RuleFileErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [ConfigError]

    public init(_ errors: [ConfigError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
