/// What the hidden node is asked to do on the target node.
public enum AttachAction: String, Sendable {
    /// Report the node's OTP release and whether the exporter runs there.
    case probe
    /// Load the exporter's beam and start it, unless it already runs.
    case start
    /// Stop the exporter and unload its module.
    case stop
}

/// The exporter options `backlog attach` passes to `backlog_exporter:start/1`, as Erlang terms.
public struct ExporterOptions: Sendable, Hashable {
    /// `port`, `bind` and any `--option key=value`, in the order given.
    public var entries: [(key: String, value: String)] = []

    public init() {}

    public static func == (lhs: ExporterOptions, rhs: ExporterOptions) -> Bool {
        lhs.entries.map(\.key) == rhs.entries.map(\.key) && lhs.entries.map(\.value) == rhs.entries.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        for entry in entries {
            hasher.combine(entry.key)
            hasher.combine(entry.value)
        }
    }

    /// Adds `key=value`: an integer stays an integer, anything else becomes an Erlang string,
    /// which the exporter parses (an address for `bind`).
    public mutating func set(_ key: String, _ value: String) throws(AttachError) {
        guard let first = key.first, first.isLowercase, key.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "_" }) else {
            throw .badOption(key)
        }
        entries.removeAll { $0.key == key }
        entries.append((key, value))
    }

    /// `#{port => 9199, bind => "0.0.0.0"}`.
    var erlangMap: String {
        let pairs = entries.map { entry in
            let value = Int(entry.value) != nil ? entry.value : "\"" + entry.value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            return "\(entry.key) => \(value)"
        }
        return "#{" + pairs.joined(separator: ", ") + "}"
    }
}
