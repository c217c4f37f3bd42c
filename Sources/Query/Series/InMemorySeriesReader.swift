public import TimeSeries

/// Series held in memory, for tests, `rules test` and benchmarks.
///
/// Series are kept in label order with a postings list per label name and value, so a selector
/// only looks at the series its matchers name, and a selector of a metric name alone gets that
/// metric's series as they are, without building a new list.
public struct InMemorySeriesReader: SeriesReader {
    private let all: [StoredSeries]
    private let byMetricName: [String: Metric]
    private let firstTimes: [Int64]
    /// Each series' last sample: a threshold over a million series reads this flat array
    /// instead of a million series, one cache line per series it looks at.
    private let lastSamples: [LastSample]
    private let index: PostingsIndex

    /// Holds the given series; their label sets should be distinct.
    public init(_ series: [StoredSeries]) {
        all = InMemorySeriesReader.compacted(series.sorted { Labels.precedes($0.labels, $1.labels) })
        var byMetricName: [String: Metric] = [:]
        for stored in all { byMetricName[stored.labels.name, default: Metric()].add(stored) }
        self.byMetricName = byMetricName
        firstTimes = all.map { $0.timestamps.first ?? .max }
        lastSamples = all.map { LastSample(time: $0.timestamps.last ?? .min, value: $0.values.last ?? .nan) }
        index = PostingsIndex(all.map(\.labels))
    }

    /// A series' last sample time and value, side by side.
    private struct LastSample {
        var time: Int64
        var value: Double
    }

    /// The series of one metric, with the span all of them cover, so a selector of the metric
    /// alone whose interval every series reaches gets the list as it is.
    private struct Metric {
        var series: [StoredSeries] = []
        var latestFirst = Int64.min
        var earliestLast = Int64.max

        mutating func add(_ stored: StoredSeries) {
            series.append(stored)
            latestFirst = max(latestFirst, stored.timestamps.first ?? .max)
            earliestLast = min(earliestLast, stored.timestamps.last ?? .min)
        }
    }

    public func series(matching matchers: [LabelMatcher], from: Timestamp, through: Timestamp) -> [StoredSeries] {
        let selective = matchers.filter { !($0.kind == .regexMatch && $0.value == ".*") }
        if selective.count == 1, selective[0].name == Labels.metricName, selective[0].kind == .equal {
            guard let metric = byMetricName[selective[0].value] else { return [] }
            if metric.latestFirst <= through.milliseconds, metric.earliestLast >= from.milliseconds { return metric.series }
        }
        let positions = index.positions(matching: selective)
        var found: [StoredSeries] = []
        found.reserveCapacity(positions.count)
        let (from, through) = (from.milliseconds, through.milliseconds)
        for position in positions {
            let index = Int(position)
            guard firstTimes[index] <= through, lastSamples[index].time >= from else { continue }
            found.append(all[index])
        }
        return found
    }

    public func latestSamples(
        matching matchers: [LabelMatcher], at time: Timestamp, lookback: PromDuration, keep: (Double) -> Bool
    ) -> [LatestSample] {
        let selective = matchers.filter { !($0.kind == .regexMatch && $0.value == ".*") }
        let (time, oldest) = (time.milliseconds, time.milliseconds - lookback.milliseconds)
        var found: [LatestSample] = []
        lastSamples.withUnsafeBufferPointer { lastSamples in
            for position in index.positions(matching: selective) {
                let index = Int(position)
                let last = lastSamples[index]
                let value: Double
                if last.time <= time {
                    // Evaluating at or after the last sample, as rules do: no need to search.
                    guard last.time > oldest, !StoredSeries.isStaleMarker(last.value) else { continue }
                    value = last.value
                } else {
                    guard let earlier = all[index].latestValue(at: time, lookback: lookback.milliseconds) else { continue }
                    value = earlier
                }
                guard keep(value) else { continue }
                found.append(LatestSample(labels: all[index].labels, value: value))
            }
        }
        return found
    }

    /// The series copied into fresh storage in label order, so scanning a metric walks memory
    /// in order instead of jumping wherever the caller happened to allocate each series.
    /// Label sets are copied first, all together, so a join or grouping over a metric's label
    /// sets reads them one after another and a scan of samples does not step over them.
    /// Sample times that series shared (one scrape's times) stay shared.
    private static func compacted(_ series: [StoredSeries]) -> [StoredSeries] {
        let labelSets = series.map { stored in Labels(presorted: stored.labels.storage.withUnsafeBufferPointer { Array($0) }) }
        var sharedTimes: [UnsafeRawPointer: [Int64]] = [:]
        return zip(series, labelSets).map { stored, labels in
            let key = stored.timestamps.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
            let times: [Int64]
            if let key, let shared = sharedTimes[key] {
                times = shared
            } else {
                times = stored.timestamps.withUnsafeBufferPointer { Array($0) }
                if let key { sharedTimes[key] = times }
            }
            return StoredSeries(labels: labels, timestamps: times, values: stored.values.withUnsafeBufferPointer { Array($0) })
        }
    }
}
