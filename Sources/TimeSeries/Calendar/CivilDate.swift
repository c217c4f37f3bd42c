/// A date of the proleptic Gregorian calendar in UTC, as Prometheus and Go print dates.
public struct CivilDate: Hashable, Sendable {
    public var year: Int64
    /// 1…12.
    public var month: Int
    /// 1…31.
    public var day: Int

    public init(year: Int64, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `days` after 1970-01-01 (before it when negative), by Howard Hinnant's
    /// `civil_from_days`: whole 400-year eras, then the day within the era counted from 1 March,
    /// so the leap day falls at the end of its year.
    public init(daysSinceEpoch days: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: Int(month),
                  day: Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1))
    }

    /// The day containing `secondsSinceEpoch`, rounding down for instants before 1970.
    public init(secondsSinceEpoch seconds: Int64) {
        self.init(daysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    }
}
