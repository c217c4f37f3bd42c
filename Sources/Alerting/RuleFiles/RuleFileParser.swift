import ConfigFile
import Foundation
import Query
import TimeSeries

/// Reads rule files in Prometheus's format and reports every mistake in them at once, each at
/// its file, line and column — inside `expr` and templates too.
public enum RuleFileParser {
    /// Reads and checks one rule file.
    public static func load(path: String) throws(RuleFileErrors) -> RuleFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read file (permissions?)" : "no such file"
            throw RuleFileErrors([ConfigError(file: path, line: 0, column: 0, message: reason)])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RuleFileErrors([ConfigError(file: path, line: 1, column: 1, message: "file is not valid UTF-8 text")])
        }
        return try parse(text, file: path)
    }

    /// Checks rule-file text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(RuleFileErrors) -> RuleFile {
        let root: YAMLNode
        do {
            root = try YAMLNode.parse(text, file: file)
        } catch {
            throw RuleFileErrors([error])
        }
        var reader = RuleFileReader(file: file, lines: ScalarSourceMap.lines(of: text))
        let groups = reader.groups(in: root)
        guard reader.errors.isEmpty else {
            // In file order, whatever order the checks found them in.
            let sorted = reader.errors.enumerated().sorted { left, right in
                (left.element.line, left.element.column, left.offset) < (right.element.line, right.element.column, right.offset)
            }
            throw RuleFileErrors(sorted.map(\.element))
        }
        return RuleFile(path: file, groups: groups)
    }
}

/// One pass over a rule file's YAML, collecting errors instead of stopping at the first.
struct RuleFileReader {
    let file: String
    let lines: ScalarSourceMap.SourceLines
    var errors: [ConfigError] = []

    static let groupKeys: Set<String> = ["name", "interval", "limit", "labels", "rules"]

    mutating func groups(in root: YAMLNode) -> [RuleGroup] {
        guard let top = root.mapping(allowedKeys: ["groups"], context: "a rule file", collecting: &errors) else { return [] }
        guard let list = collect({ () throws(ConfigError) in try top["groups"]?.sequence(context: "groups") }) ?? nil else {
            return []
        }
        var groups: [RuleGroup] = []
        var seen: [String: Int] = [:]
        for node in list {
            guard let group = group(node) else { continue }
            if let first = seen[group.name] {
                errors.append(
                    ConfigError(
                        file: file, line: group.location.line, column: group.location.column,
                        message: "group name \"\(group.name)\" is repeated in this file (first at line \(first))"))
            } else {
                seen[group.name] = group.location.line
            }
            groups.append(group)
        }
        return groups
    }

    private mutating func group(_ node: YAMLNode) -> RuleGroup? {
        guard let mapping = node.mapping(allowedKeys: Self.groupKeys, context: "a rule group", collecting: &errors) else {
            return nil
        }
        let nameNode = mapping["name"]
        let name = collect { () throws(ConfigError) in try nameNode?.string(context: "the group name") } ?? nil
        if nameNode == nil || name?.isEmpty == true {
            errors.append((nameNode ?? node).error("a rule group needs a non-empty \"name\""))
        }
        let groupName = name ?? ""
        var interval: PromDuration?
        if let intervalNode = mapping["interval"] {
            interval = positiveDuration(intervalNode, context: "interval of group \"\(groupName)\"", allowZero: false)
        }
        let limit = (collect { () throws(ConfigError) in try mapping["limit"]?.int(context: "limit") } ?? nil) ?? 0
        if limit < 0, let limitNode = mapping["limit"] { errors.append(limitNode.error("limit must be 0 (no limit) or more")) }
        let groupLabels = mapping["labels"].map { plainLabels($0, context: "labels of group \"\(groupName)\"") } ?? []
        var rules: [Rule] = []
        var seen: [String: Int] = [:]
        let ruleNodes = (collect { () throws(ConfigError) in try mapping["rules"]?.sequence(context: "rules") } ?? nil) ?? []
        for ruleNode in ruleNodes {
            guard let rule = rule(ruleNode, groupLabels: groupLabels) else { continue }
            let identity = RuleIdentity(group: groupName, file: file, rule: rule).description
            if let first = seen[identity] {
                errors.append(
                    ruleNode.error(
                        "rule \"\(rule.name)\" repeats the rule at line \(first) (same name, expression and labels) — remove one"))
            } else {
                seen[identity] = ruleNode.line
            }
            rules.append(rule)
        }
        return RuleGroup(
            name: groupName, file: file, interval: interval, limit: max(limit, 0), rules: rules,
            location: SourceLocation(file: file, line: node.line, column: node.column))
    }

    /// Runs a throwing read, recording its error; nil when it failed.
    mutating func collect<T>(_ read: () throws(ConfigError) -> T) -> T? {
        do {
            return try read()
        } catch {
            errors.append(error)
            return nil
        }
    }

    /// A duration that must not be negative (and, unless allowed, not zero).
    mutating func positiveDuration(_ node: YAMLNode, context: String, allowZero: Bool) -> PromDuration? {
        guard let text = collect({ () throws(ConfigError) in try node.string(context: context) }) else { return nil }
        if text.hasPrefix("-"), PromDuration(parsing: String(text.dropFirst())) != nil {
            errors.append(node.error("\(context) must not be negative, found \"\(text)\""))
            return nil
        }
        guard let duration = PromDuration(parsing: text) else {
            errors.append(node.error("\(context): \"\(text)\" is not a duration — write it like 30s, 5m or 1h30m"))
            return nil
        }
        if !allowZero, duration.milliseconds == 0 {
            errors.append(node.error("\(context) must be above 0 (leave it out to evaluate after every poll cycle)"))
            return nil
        }
        return duration
    }

    /// Labels whose values are used as written (group labels, recording-rule labels).
    mutating func plainLabels(_ node: YAMLNode, context: String) -> [(name: String, value: String, node: YAMLNode)] {
        guard let entries = collect({ () throws(ConfigError) in try node.entries(context: context) }) else { return [] }
        var out: [(name: String, value: String, node: YAMLNode)] = []
        for entry in entries {
            guard checkLabelName(entry.key, at: entry.keyNode, kind: "label"),
                let value = collect({ () throws(ConfigError) in try entry.value.string(context: "\(context).\(entry.key)") })
            else { continue }
            out.append((entry.key, value, entry.value))
        }
        return out
    }

    mutating func checkLabelName(_ name: String, at node: YAMLNode, kind: String) -> Bool {
        if name == Labels.metricName && kind == "label" {
            errors.append(node.error("invalid label name \"__name__\": a rule cannot set the metric name this way"))
            return false
        }
        guard NameRules.isValidLabelName(name) else {
            errors.append(
                node.error("invalid \(kind) name \"\(name)\": use letters, digits and _, not starting with a digit"))
            return false
        }
        return true
    }
}
