import TimeSeries

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
