import Foundation
public import TimeSeries
import Yams

/// A YAML value that remembers the file and position it came from, so every error can point at it.
// Unchecked: Yams' `Node` holds a `Tag` class not marked Sendable, but a parsed node is only ever read.
public struct YAMLNode: @unchecked Sendable {
    let node: Node
    public let file: String

    init(node: Node, file: String) {
        self.node = node
        self.file = file
    }

    /// Parses YAML text; an empty document is an empty mapping.
    public static func parse(_ text: String, file: String) throws(ConfigError) -> YAMLNode {
        do {
            guard let root = try Yams.compose(yaml: text) else {
                return YAMLNode(node: Node.mapping(Node.Mapping([])), file: file)
            }
            return YAMLNode(node: root, file: file)
        } catch let error as YamlError {
            throw ConfigError(yaml: error, file: file)
        } catch {
            throw ConfigError(file: file, line: 1, column: 1, message: "cannot read YAML: \(error)")
        }
    }

    /// Reads and parses a YAML file.
    public static func load(path: String) throws(ConfigError) -> YAMLNode {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read file (permissions?)" : "no such file"
            throw ConfigError(file: path, line: 0, column: 0, message: reason)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, line: 1, column: 1, message: "file is not valid UTF-8 text")
        }
        return try parse(text, file: path)
    }

    public var line: Int { node.mark?.line ?? 0 }
    public var column: Int { node.mark?.column ?? 0 }

    /// An error pointing at this value.
    public func error(_ message: String) -> ConfigError {
        ConfigError(file: file, line: line, column: column, message: message)
    }

    public var isNull: Bool {
        if case .scalar(let scalar) = node { return scalar.tag == .implicit && scalar.string.isEmpty || node.null != nil }
        return false
    }

    /// The value as a mapping whose keys must all be in `allowedKeys`.
    public func mapping(allowedKeys: Set<String>, context: String) throws(ConfigError) -> YAMLMapping {
        guard case .mapping(let mapping) = node else {
            throw error("\(context) must be a mapping of keys to values, found \(kind)")
        }
        var entries: [(key: String, keyNode: YAMLNode, value: YAMLNode)] = []
        for (key, value) in mapping {
            let keyNode = YAMLNode(node: key, file: file)
            guard let name = key.string else { throw keyNode.error("\(context) keys must be strings") }
            guard allowedKeys.contains(name) else {
                let known = allowedKeys.sorted().joined(separator: ", ")
                let hint = YAMLNode.closest(to: name, in: allowedKeys).map { " — did you mean \"\($0)\"?" } ?? ""
                throw keyNode.error("unknown key \"\(name)\" in \(context)\(hint) (known keys: \(known))")
            }
            if let first = entries.first(where: { $0.key == name }) {
                throw keyNode.error("duplicate key \"\(name)\" in \(context) (first at line \(first.keyNode.line))")
            }
            entries.append((name, keyNode, YAMLNode(node: value, file: file)))
        }
        return YAMLMapping(owner: self, entries: entries)
    }

    /// The value as a list; a missing or null value is an empty list.
    public func sequence(context: String) throws(ConfigError) -> [YAMLNode] {
        if isNull { return [] }
        guard case .sequence(let sequence) = node else { throw error("\(context) must be a list, found \(kind)") }
        return sequence.map { YAMLNode(node: $0, file: file) }
    }

    public func string(context: String) throws(ConfigError) -> String {
        guard case .scalar(let scalar) = node else { throw error("\(context) must be a string, found \(kind)") }
        return scalar.string
    }

    public func int(context: String) throws(ConfigError) -> Int {
        guard case .scalar = node, let value = node.int else {
            throw error("\(context) must be a whole number, found \(describeValue)")
        }
        return value
    }

    public func bool(context: String) throws(ConfigError) -> Bool {
        guard case .scalar = node, let value = node.bool else {
            throw error("\(context) must be true or false, found \(describeValue)")
        }
        return value
    }

    public func double(context: String) throws(ConfigError) -> Double {
        guard case .scalar = node, let value = node.float ?? node.int.map(Double.init) else {
            throw error("\(context) must be a number, found \(describeValue)")
        }
        return value
    }

    /// A Prometheus duration such as `1s`, `800ms` or `1h30m`.
    public func duration(context: String) throws(ConfigError) -> PromDuration {
        let text = try string(context: context)
        guard let duration = PromDuration(parsing: text) else {
            throw error("\(context): \"\(text)\" is not a duration — write it like 1s, 800ms, 5m or 1h30m")
        }
        return duration
    }

    public func stringList(context: String) throws(ConfigError) -> [String] {
        var out: [String] = []
        for item in try sequence(context: context) { out.append(try item.string(context: "each entry of \(context)")) }
        return out
    }

    /// A mapping of strings to strings, such as a label set.
    public func stringMap(context: String) throws(ConfigError) -> [(key: String, value: String, node: YAMLNode)] {
        if isNull { return [] }
        guard case .mapping(let mapping) = node else { throw error("\(context) must be a mapping, found \(kind)") }
        var out: [(key: String, value: String, node: YAMLNode)] = []
        for (key, value) in mapping {
            let keyNode = YAMLNode(node: key, file: file)
            let valueNode = YAMLNode(node: value, file: file)
            let name = try keyNode.string(context: "a key of \(context)")
            if out.contains(where: { $0.key == name }) { throw keyNode.error("duplicate key \"\(name)\" in \(context)") }
            out.append((name, try valueNode.string(context: "\(context).\(name)"), keyNode))
        }
        return out
    }

    var kind: String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar: "\(describeValue)"
        case .alias: "an alias"
        }
    }

    var describeValue: String {
        if case .scalar(let scalar) = node { return "\"\(scalar.string)\"" }
        return kind
    }

    static func closest(to name: String, in candidates: Set<String>) -> String? {
        let scored = candidates.map { ($0, editDistance(name, $0)) }.filter { $0.1 <= 2 }
        return scored.min { $0.1 < $1.1 }?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8), b = Array(b.utf8)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
