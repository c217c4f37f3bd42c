import TimeSeries

/// Range steps people would pick: about 240 points, rounded to a familiar duration.
enum RangeStep {
    static let familiar: [Int64] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400]

    static func automatic(from: Timestamp, to: Timestamp) -> PromDuration {
        let wanted = max(1, (to.milliseconds - from.milliseconds) / 240 / 1000)
        let seconds = familiar.first { $0 >= wanted } ?? wanted
        return .seconds(seconds)
    }
}
