import History
import Probe
import Ranking
import TimeSeries

/// Reads the recent backlog of every process from the history, with node names.
enum BacklogSeriesLoader {
    /// Enough history for the lookback and the growth window.
    static let window: Int64 = BottleneckRanking.lookbackMilliseconds + BottleneckRanking.growthWindowMilliseconds

    static func load(from reader: any HistoryReading, metric: String, at time: Timestamp) throws -> [BacklogSeries] {
        let from = Timestamp(milliseconds: time.milliseconds - window)
        do {
            let nodes = try nodeNames(reader, from: from, through: time)
            return try reader.select([LabelMatcher.equal(Labels.metricName, metric)], from: from, through: time).compactMap { data in
                // A series whose last sample is a staleness marker is gone (its process drained or
                // its node stopped answering); earlier markers are gaps, not values.
                guard let last = data.values.last, !Sample.isStaleMarker(last) else { return nil }
                let live = data.values.indices.filter { !Sample.isStaleMarker(data.values[$0]) }
                let instance = data.labels["instance"] ?? ""
                return BacklogSeries(
                    labels: data.labels, node: nodes[instance] ?? instance, timestamps: live.map { data.timestamps[$0] },
                    values: live.map { data.values[$0] })
            }
        } catch { throw CommandFailure(error.description) }
    }

    /// What the exporters say about their processes besides the queues over the same window
    /// (reductions rates, status and current function), for the ranking's verdicts; empty for an
    /// older exporter.
    static func loadDetails(from reader: any HistoryReading, at time: Timestamp) throws -> [ProcessKey: ProcessDetail] {
        let from = Timestamp(milliseconds: time.milliseconds - window)
        do {
            var series: [(labels: Labels, timestamps: [Int64], values: [Double])] = []
            for metric in [ExporterMetric.processReductionsRate, ExporterMetric.processInfo] {
                for data in try reader.select([LabelMatcher.equal(Labels.metricName, metric)], from: from, through: time) {
                    series.append((data.labels, data.timestamps, data.values))
                }
            }
            return ProcessDetail.collect(series)
        } catch { throw CommandFailure(error.description) }
    }

    /// How many processes each process type counted last in the window.
    static func loadTypeCounts(from reader: any HistoryReading, at time: Timestamp) throws -> ProcessTypeCounts {
        let from = Timestamp(milliseconds: time.milliseconds - window)
        do {
            let series = try reader.select([LabelMatcher.equal(Labels.metricName, ExporterMetric.typeProcesses)], from: from, through: time)
            return ProcessTypeCounts.collect(series.map { ($0.labels, $0.values) })
        } catch { throw CommandFailure(error.description) }
    }

    /// `instance → node` from the latest `erlang_node_info` of each target.
    static func nodeNames(_ reader: any HistoryReading, from: Timestamp, through: Timestamp) throws(HistoryError) -> [String: String] {
        var names: [String: String] = [:]
        for data in try reader.select([LabelMatcher.equal(Labels.metricName, ExporterMetric.nodeInfo)], from: from, through: through) {
            if let instance = data.labels["instance"], let node = data.labels["node"] { names[instance] = node }
        }
        return names
    }
}
