#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A chart's y axis: the value range rounded out to "nice" numbers and the ticks on it.
struct ValueScale: Hashable, Sendable {
    let lower: Double
    let upper: Double
    let step: Double

    /// Values past this are drawn at the edge; it keeps `upper - lower` finite for any input.
    static let limit = 1e300

    /// A scale covering `values` (or `fixed`) with about `tickCount` steps. Charts of values that
    /// are never negative start at 0, since a queue's distance from empty is the point.
    init(values: [Double], fixed: ClosedRange<Double>?, tickCount: Int) {
        let finite = values.filter(\.isFinite).map { min(Self.limit, max(-Self.limit, $0)) }
        var low = fixed?.lowerBound ?? min(0, finite.min() ?? 0)
        var high = fixed?.upperBound ?? (finite.max() ?? 1)
        if high <= low { high = low == 0 ? 1 : low + abs(low) }
        let rawStep = (high - low) / Double(max(1, tickCount))
        let niceStep = Self.niceStep(rawStep)
        if fixed == nil {
            low = (low / niceStep).rounded(.down) * niceStep
            high = (high / niceStep).rounded(.up) * niceStep
        }
        lower = low
        upper = high
        step = niceStep
    }

    /// 1, 2 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return 1 }
        let magnitude = pow(10, log10(raw).rounded(.down))
        let fraction = raw / magnitude
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        return nice * magnitude
    }

    /// Tick values from `lower` to `upper`, `step` apart.
    var ticks: [Double] {
        guard step > 0, upper > lower else { return [lower] }
        let count = min(1000, Int(((upper - lower) / step).rounded()) )
        return (0...count).map { lower + Double($0) * step }
    }

    /// The row (0 at the top of `rows` rows) where `value` is drawn.
    func row(for value: Double, rows: Int) -> Int {
        guard rows > 1 else { return 0 }
        let clamped = min(Self.limit, max(-Self.limit, value))
        let fraction = (clamped - lower) / (upper - lower)
        let fromBottom = Int((min(1, max(0, fraction)) * Double(rows - 1)).rounded())
        return rows - 1 - fromBottom
    }
}
