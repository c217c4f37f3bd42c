/// What a chart's values measure, which decides how its y-axis labels read.
public enum ChartUnit: Hashable, Sendable {
    /// Messages, processes: `48k`.
    case count
    /// A rate: `1.2k/s`.
    case perSecond
    /// `3.4 GiB`.
    case bytes
    /// `12ms`.
    case milliseconds
    /// A plain number followed by this suffix: `.custom("%")` gives `73%`.
    case custom(String)

    /// `value` as a y-axis label in this unit.
    public func label(_ value: Double) -> String {
        switch self {
        case .count: HumanFormat.compact(value)
        case .perSecond: HumanFormat.compact(value) + "/s"
        case .bytes: HumanFormat.bytes(value)
        case .milliseconds: HumanFormat.milliseconds(value)
        case .custom(let suffix): HumanFormat.compact(value) + suffix
        }
    }
}
