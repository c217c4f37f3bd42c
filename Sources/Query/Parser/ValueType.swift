/// The type of a PromQL expression's value.
public enum ValueType: String, Sendable {
    case scalar
    case vector
    case matrix
    case string

    /// The name Prometheus's error messages use: `instant vector`, `range vector`, …
    var documentedName: String {
        switch self {
        case .scalar: "scalar"
        case .vector: "instant vector"
        case .matrix: "range vector"
        case .string: "string"
        }
    }
}
