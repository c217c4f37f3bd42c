import TimeSeries

/// A value while a template runs, typed as Go's `interface{}` values are typed there, because
/// `printf` and the comparison functions behave differently for ints, floats and strings.
enum TemplateValue: Sendable, Equatable {
    case string(String)
    case float(Double)
    case int(Int)
    case bool(Bool)
    /// A label map such as `$labels`; a missing key reads as "" (Prometheus sets missingkey=zero).
    /// Kept as the sorted label set itself: no map is built per alert.
    case labels(Labels)
    /// The template's data, `.`: its fields are `Labels`, `ExternalLabels`, `ExternalURL`, `Value`.
    case data
    /// Go's nil, printed as `<no value>`.
    case nothing

    /// Go's type name, for `%!d(float64=1.5)`-style messages.
    var goTypeName: String {
        switch self {
        case .string: "string"
        case .float: "float64"
        case .int: "int"
        case .bool: "bool"
        case .labels: "map[string]string"
        case .data: "template.AlertTemplateData"
        case .nothing: "<nil>"
        }
    }

    /// Go's truth for `if`: false, 0, "", an empty map and nil are false.
    var isTrue: Bool {
        switch self {
        case .string(let text): !text.isEmpty
        case .float(let value): value != 0
        case .int(let value): value != 0
        case .bool(let value): value
        case .labels(let map): !map.isEmpty
        case .data: true
        case .nothing: false
        }
    }
}
