import Testing
import TimeSeries

/// Dates from day counts, checked against the calendar at its edges: the epoch, leap days, and
/// century years that are (2000, 1600) and are not (1900, 2100) leap years.
@Suite struct CivilDateTests {
    static let cases: [(days: Int64, date: CivilDate)] = [
        (0, CivilDate(year: 1970, month: 1, day: 1)),
        (-1, CivilDate(year: 1969, month: 12, day: 31)),
        (11_016, CivilDate(year: 2000, month: 2, day: 29)),
        (11_017, CivilDate(year: 2000, month: 3, day: 1)),
        (47_540, CivilDate(year: 2100, month: 2, day: 28)),
        (47_541, CivilDate(year: 2100, month: 3, day: 1)),
        (-25_508, CivilDate(year: 1900, month: 3, day: 1)),
        (-135_081, CivilDate(year: 1600, month: 2, day: 29)),
        (20_088, CivilDate(year: 2024, month: 12, day: 31)),
    ]

    @Test func dayCountsAtTheCalendarsEdges() {
        for (days, date) in Self.cases {
            #expect(CivilDate(daysSinceEpoch: days) == date, "day \(days)")
        }
    }

    @Test func everyDayFollowsTheOneBefore() {
        // Over four centuries either side of the epoch, consecutive counts step one day, and
        // February has 29 days exactly in the Gregorian leap years.
        var previous = CivilDate(daysSinceEpoch: -146_098)
        for days in Int64(-146_097)...146_097 {
            let date = CivilDate(daysSinceEpoch: days)
            if date.month == previous.month {
                #expect(date.day == previous.day + 1 && date.year == previous.year)
            } else {
                #expect(date.day == 1)
                if previous.month == 2 {
                    let leap = previous.year % 4 == 0 && (previous.year % 100 != 0 || previous.year % 400 == 0)
                    #expect(previous.day == (leap ? 29 : 28))
                }
            }
            previous = date
        }
    }

    @Test func secondsBeforeTheEpochBelongToTheDayBefore() {
        #expect(CivilDate(secondsSinceEpoch: -1) == CivilDate(year: 1969, month: 12, day: 31))
        #expect(CivilDate(secondsSinceEpoch: 86_399) == CivilDate(year: 1970, month: 1, day: 1))
        #expect(CivilDate(secondsSinceEpoch: 86_400) == CivilDate(year: 1970, month: 1, day: 2))
    }
}
