/// A YAML mapping whose keys were checked against what the reader knows.
public struct YAMLMapping: Sendable {
    public let owner: YAMLNode
    let entries: [(key: String, keyNode: YAMLNode, value: YAMLNode)]

    /// The value for a key, or nil when absent or null.
    public subscript(key: String) -> YAMLNode? {
        guard let value = entries.first(where: { $0.key == key })?.value, !value.isNull else { return nil }
        return value
    }

    /// The value for a key that must be present.
    public func required(_ key: String, context: String) throws(ConfigError) -> YAMLNode {
        guard let value = self[key] else { throw owner.error("\(context) needs \"\(key)\"") }
        return value
    }

    public var keys: [String] { entries.map(\.key) }
}
