#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public import TimeSeries

/// A chart's x axis: the time range across the plot's columns and where time labels go.
struct TimeScale: Hashable, Sendable {
    let start: Timestamp
    let end: Timestamp

    /// Steps a tick sequence may use, in seconds: round numbers on a clock.
    static let stepChoices = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200,
                              86_400, 172_800, 604_800]

    /// The range of all `times` (or `fixed`); a single instant is widened by half a minute each
    /// way so a lone point sits in the middle.
    init(times: [Timestamp], fixed: ClosedRange<Timestamp>?) {
        var first = fixed?.lowerBound ?? times.min() ?? Timestamp(milliseconds: 0)
        var last = fixed?.upperBound ?? times.max() ?? Timestamp(milliseconds: 60_000)
        if last <= first {
            first = Timestamp(milliseconds: first.milliseconds - 30_000)
            last = Timestamp(milliseconds: last.milliseconds + 30_000)
        }
        start = first
        end = last
    }

    /// The column (0 at the left of `columns` columns) where `time` falls, or nil outside the range.
    func column(for time: Timestamp, columns: Int) -> Int? {
        guard time >= start, time <= end, columns > 0 else { return nil }
        guard columns > 1 else { return 0 }
        let fraction = Double(time.milliseconds - start.milliseconds) / Double(end.milliseconds - start.milliseconds)
        return Int((fraction * Double(columns - 1)).rounded())
    }

    /// The smallest step whose ticks leave room for labels `labelWidth` wide plus a gap.
    func step(columns: Int, labelWidth: Int) -> Int {
        let span = Double(end.milliseconds - start.milliseconds) / 1000
        let maxTicks = max(1, columns / (labelWidth + 3))
        return Self.stepChoices.first { span / Double($0) <= Double(maxTicks) } ?? Self.stepChoices.last!
    }

    /// Tick times `stepSeconds` apart inside the range, on multiples of the step from `alignment`.
    func ticks(stepSeconds: Int, alignment: Int64) -> [Timestamp] {
        let stepMilliseconds = Int64(stepSeconds) * 1000
        let offset = (start.milliseconds - alignment) % stepMilliseconds
        var tick = start.milliseconds - offset + (offset > 0 ? stepMilliseconds : 0)
        var result: [Timestamp] = []
        while tick <= end.milliseconds, result.count < 1000 {
            result.append(Timestamp(milliseconds: tick))
            tick += stepMilliseconds
        }
        return result
    }
}

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

/// How a chart labels its time axis.
public enum TimeAxisLabels: Hashable, Sendable {
    /// Wall-clock times, `HH:MM` (`HH:MM:SS` for steps under a minute, `MM-DD` for steps of days),
    /// shifted from UTC by `utcOffsetSeconds`.
    case clock(utcOffsetSeconds: Int)
    /// Ages before `now`: `-5m`, `-1h30m`, `now`.
    case relative(to: Timestamp)

    /// The label for a tick at `time`, for ticks `stepSeconds` apart.
    func label(_ time: Timestamp, stepSeconds: Int) -> String {
        switch self {
        case .relative(let now):
            let age = Int(((now.milliseconds - time.milliseconds) / 1000))
            return age <= 0 ? "now" : "-" + HumanFormat.duration(seconds: Double(age))
        case .clock(let offset):
            let local = floorDivide(time.milliseconds, 1000) + Int64(offset)
            let secondOfDay = Int(local - floorDivide(local, 86_400) * 86_400)
            if stepSeconds >= 86_400 {
                let date = CivilDate(secondsSinceEpoch: local)
                return twoDigits(date.month) + "-" + twoDigits(date.day)
            }
            let clock = twoDigits(secondOfDay / 3600) + ":" + twoDigits(secondOfDay % 3600 / 60)
            return stepSeconds < 60 ? clock + ":" + twoDigits(secondOfDay % 60) : clock
        }
    }

    /// The instant a tick sequence is aligned to: local midnight for clock labels (so ticks fall
    /// on round times), `now` for relative ones (so `now` itself is a tick).
    func alignment(stepSeconds: Int) -> Int64 {
        switch self {
        case .relative(let now): now.milliseconds
        case .clock(let offset): -Int64(offset) * 1000
        }
    }

    private func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    private func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }
}

/// One series resampled to the plot's columns: the peak of the points in each column, with
/// columns between two samples filled in along the line joining them.
///
/// A column stays empty (NaN) where the series has an explicit NaN, or where two neighbouring
/// samples are more than twice the series' usual spacing apart: that is missing data, and
/// drawing a line across it would invent values.
struct ChartColumns {
    private(set) var values: [Double]

    init(_ points: [ChartPoint], scale: TimeScale, columns: Int) {
        values = [Double](repeating: .nan, count: max(0, columns))
        var gapColumns = Set<Int>()
        var sampled: [(column: Int, time: Int64)] = []
        for point in points {
            guard let column = scale.column(for: point.time, columns: columns) else { continue }
            if point.value.isNaN || point.value == -.infinity {
                gapColumns.insert(column)
                continue
            }
            if values[column].isNaN || point.value > values[column] { values[column] = point.value }
            if sampled.last?.column != column { sampled.append((column, point.time.milliseconds)) }
        }
        fillBetween(sampled, gaps: gapColumns)
    }

    private mutating func fillBetween(_ sampled: [(column: Int, time: Int64)], gaps: Set<Int>) {
        guard sampled.count >= 2 else { return }
        let spacings = zip(sampled, sampled.dropFirst()).map { $1.time - $0.time }.sorted()
        let usual = spacings[spacings.count / 2]
        for (left, right) in zip(sampled, sampled.dropFirst()) where right.column - left.column > 1 {
            guard right.time - left.time <= 2 * usual else { continue }
            let between = (left.column + 1)..<right.column
            guard !between.contains(where: gaps.contains) else { continue }
            let start = values[left.column]
            let end = values[right.column]
            for column in between {
                let fraction = Double(column - left.column) / Double(right.column - left.column)
                values[column] = start + (end - start) * fraction
            }
        }
    }
}
