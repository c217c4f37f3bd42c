/// What one table cell shows.
public enum TableCell: Hashable, Sendable {
    /// Text, truncated with an ellipsis if the column is narrower; nil style means the row's.
    case text(String, style: Style? = nil)
    /// A sparkline filling the column; with a span, the whole span fits the column (`SparklineSpan`).
    case sparkline([Double], style: Style? = nil, span: SparklineSpan? = nil)
}
