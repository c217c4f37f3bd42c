public import TimeSeries

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
