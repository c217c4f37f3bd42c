/// Everything that can stop a query between its text and its result.
public enum QueryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not valid PromQL; the message is Prometheus's, such as
    /// `unexpected "}" in label matching, expected string`.
    case parse(SourcePosition, String)
    /// Valid PromQL that this engine does not evaluate, such as `function "holt_winters"`.
    /// Refusing is the point: a construct evaluated half-right would be a wrong answer.
    case notSupported(String, SourcePosition)
    /// An error Prometheus raises while evaluating, worded as Prometheus words it.
    case evaluation(String)
    /// The series reader failed; its error, as text.
    case storage(String)

    /// `1:14: unexpected …`, `not supported: … at 1:1`, or the evaluation message itself.
    public var description: String {
        switch self {
        case .parse(let position, let message): "\(position): \(message)"
        case .notSupported(let construct, let position): "not supported: \(construct) at \(position)"
        case .evaluation(let message): message
        case .storage(let message): "reading series: \(message)"
        }
    }
}
