/// The two text formats a target may answer in.
public enum ExpositionFormat: String, Sendable {
    /// Prometheus text format 0.0.4 (timestamps in milliseconds).
    case prometheusText
    /// OpenMetrics 1.0 text (timestamps in seconds, `# EOF` required).
    case openMetrics

    /// What the transport sends in `Accept`: OpenMetrics preferred, Prometheus text accepted.
    public static let acceptHeader =
        "application/openmetrics-text;version=1.0.0;q=0.9,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"

    /// The format a response's `Content-Type` names; Prometheus text when it names neither.
    public static func from(contentType: String?) -> ExpositionFormat {
        guard let contentType = contentType?.lowercased() else { return .prometheusText }
        return contentType.hasPrefix("application/openmetrics-text") ? .openMetrics : .prometheusText
    }
}
