/// A distributed Erlang node's name, `name@host`, and whether it uses short or long names.
public struct ErlangNodeName: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public let host: String

    /// Parses `name@host`; the error says what a node name looks like.
    public init(parsing text: String) throws(AttachError) {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
            parts[0].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
        else {
            throw .badNodeName(text)
        }
        name = String(parts[0])
        host = String(parts[1])
    }

    /// A host with a dot (a fully qualified name or an IP address) means long names (`-name`),
    /// as `erl` itself decides; a node only talks to nodes of its own kind.
    public var usesLongNames: Bool { host.contains(".") }

    /// `erl`'s flag for a node of the same kind.
    public var nameFlag: String { usesLongNames ? "-name" : "-sname" }

    public var description: String { "\(name)@\(host)" }
}
