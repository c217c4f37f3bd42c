/// How a sparkline picks the value it draws as a full bar.
///
/// `steady` (the default) keeps the scale still from frame to frame, so a sparkline that moves
/// on by one sample only shifts (which the diff writer sends as a cheap delete-characters) and
/// does not "breathe" as the largest value shown comes and goes:
/// - the ceiling comes from every value the sparkline holds (the dashboard passes about two
///   minutes), not only the newest ones shown, so it falls only once a peak has left that longer
///   window — hysteresis without keeping state between frames;
/// - it is then rounded up to 1, 2 or 5 × 10ⁿ, so a growing maximum changes the scale only when
///   it crosses one of those steps (about three times per tenfold growth).
public enum SparklineScale: Hashable, Sendable {
    /// The 1-2-5 ceiling of the largest value held, shown or not.
    case steady
    /// The largest value shown, recomputed every frame: the full height is always used.
    case shownMaximum
    /// A fixed value.
    case fixed(Double)

    /// The value drawn as a full bar for `values`, of which `shown` is the newest part.
    func ceiling(values: [Double], shown: ArraySlice<Double>) -> Double {
        switch self {
        case .steady: Self.niceCeiling(Self.largest(values[...]))
        case .shownMaximum: Self.largest(shown)
        case .fixed(let value): value
        }
    }

    /// The smallest 1, 2 or 5 × 10ⁿ at or above `value` (the steps a chart axis uses); 0 for a
    /// value that is not positive and finite, which draws every bar at the lowest level.
    public static func niceCeiling(_ value: Double) -> Double {
        guard value.isFinite, value > 0 else { return 0 }
        return ValueScale.niceStep(value)
    }

    /// The largest finite value, 0 for none.
    private static func largest(_ values: ArraySlice<Double>) -> Double {
        values.reduce(0) { $1.isFinite ? max($0, $1) : $0 }
    }
}
