/// A parsed PromQL expression. Parse once with `QueryEngine.parse`, evaluate many times.
public struct Expr: Sendable, CustomStringConvertible {
    let root: Node
    /// The text it was parsed from.
    public let text: String

    /// The type of value the expression evaluates to.
    public var valueType: ValueType { root.valueType }

    public var description: String { text }
}
