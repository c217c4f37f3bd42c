#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import TimeSeries

/// How a chart labels its time axis.
public enum TimeAxisLabels: Hashable, Sendable {
    /// Wall-clock times, `HH:MM` (`HH:MM:SS` for steps under a minute, `MM-DD` for steps of days),
    /// shifted from UTC by `utcOffsetSeconds`.
    case clock(utcOffsetSeconds: Int)
    /// Ages before `now`: `-5m`, `-1h30m`, `now`.
    case relative(to: Timestamp)

    /// Clock labels in the machine's local time zone as it is now.
    public static func localClock() -> TimeAxisLabels {
        var seconds = time(nil)
        var parts = tm()
        localtime_r(&seconds, &parts)
        return .clock(utcOffsetSeconds: Int(parts.tm_gmtoff))
    }

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
                let (month, day) = Self.monthAndDay(daysSinceEpoch: Int(floorDivide(local, 86_400)))
                return twoDigits(month) + "-" + twoDigits(day)
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

    /// Month and day of the civil (proleptic Gregorian) date `days` after 1970-01-01.
    static func monthAndDay(daysSinceEpoch days: Int) -> (month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (month, day)
    }
}
