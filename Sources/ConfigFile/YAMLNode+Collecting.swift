import Yams

/// How a scalar was written in the file, which decides how a position inside its value maps back
/// to a line and column of the file.
public enum YAMLScalarStyle: Sendable, Equatable {
    case plain
    case singleQuoted
    case doubleQuoted
    /// `|`: line breaks kept.
    case literal
    /// `>`: single line breaks folded into spaces.
    case folded
}

/// One key and its value in a mapping, with both nodes for error positions.
public struct YAMLEntry: Sendable {
    public let key: String
    public let keyNode: YAMLNode
    public let value: YAMLNode
}

extension YAMLNode {
    /// The style of a scalar, or nil for a mapping, list or alias.
    public var scalarStyle: YAMLScalarStyle? {
        guard case .scalar(let scalar) = node else { return nil }
        switch scalar.style {
        case .singleQuoted: return .singleQuoted
        case .doubleQuoted: return .doubleQuoted
        case .literal: return .literal
        case .folded: return .folded
        case .plain, .any: return .plain
        }
    }

    public var isMapping: Bool {
        if case .mapping = node { return true }
        return false
    }

    /// Like `mapping(allowedKeys:context:)`, but an unknown or repeated key is added to `errors`
    /// and skipped, so a checker can report every mistake in a file at once. Nil when the value
    /// is not a mapping at all (that error is added too).
    public func mapping(allowedKeys: Set<String>, context: String, collecting errors: inout [ConfigError]) -> YAMLMapping? {
        guard case .mapping(let mapping) = node else {
            errors.append(error("\(context) must be a mapping of keys to values, found \(kind)"))
            return nil
        }
        var entries: [(key: String, keyNode: YAMLNode, value: YAMLNode)] = []
        for (key, value) in mapping {
            let keyNode = YAMLNode(node: key, file: file)
            guard let name = key.string else {
                errors.append(keyNode.error("\(context) keys must be strings"))
                continue
            }
            guard allowedKeys.contains(name) else {
                let known = allowedKeys.sorted().joined(separator: ", ")
                let hint = YAMLNode.closest(to: name, in: allowedKeys).map { " — did you mean \"\($0)\"?" } ?? ""
                errors.append(keyNode.error("unknown key \"\(name)\" in \(context)\(hint) (known keys: \(known))"))
                continue
            }
            if let first = entries.first(where: { $0.key == name }) {
                errors.append(keyNode.error("duplicate key \"\(name)\" in \(context) (first at line \(first.keyNode.line))"))
                continue
            }
            entries.append((name, keyNode, YAMLNode(node: value, file: file)))
        }
        return YAMLMapping(owner: self, entries: entries)
    }

    /// The entries of a mapping whose keys are free-form, such as labels or annotations; a null
    /// value is an empty mapping.
    public func entries(context: String) throws(ConfigError) -> [YAMLEntry] {
        if isNull { return [] }
        guard case .mapping(let mapping) = node else { throw error("\(context) must be a mapping, found \(kind)") }
        var out: [YAMLEntry] = []
        for (key, value) in mapping {
            let keyNode = YAMLNode(node: key, file: file)
            let name = try keyNode.string(context: "a key of \(context)")
            if out.contains(where: { $0.key == name }) { throw keyNode.error("duplicate key \"\(name)\" in \(context)") }
            out.append(YAMLEntry(key: name, keyNode: keyNode, value: YAMLNode(node: value, file: file)))
        }
        return out
    }
}

extension YAMLMapping {
    /// The node of a key, for errors about the key itself.
    public func keyNode(_ key: String) -> YAMLNode? { entries.first { $0.key == key }?.keyNode }
}
