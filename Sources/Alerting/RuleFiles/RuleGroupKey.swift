/// What tells rule groups apart: their file and name. Two files may each have a group of the
/// same name, as in Prometheus, whose `rule_group` label is this key's `file;name`.
public struct RuleGroupKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var name: String

    public init(file: String, name: String) {
        self.file = file
        self.name = name
    }

    /// `file;name`, Prometheus's group key.
    public var description: String { "\(file);\(name)" }

    public static func < (lhs: RuleGroupKey, rhs: RuleGroupKey) -> Bool { (lhs.file, lhs.name) < (rhs.file, rhs.name) }
}

extension RuleGroup {
    /// The group's file and name.
    public var key: RuleGroupKey { RuleGroupKey(file: file, name: name) }
}
