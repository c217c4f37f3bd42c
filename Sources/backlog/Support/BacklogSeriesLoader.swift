import Agent
import History
import Probe
import TimeSeries

/// Reads the recent backlog of every process from the history, with node names.
enum BacklogSeriesLoader {
    /// Enough history for the lookback and the growth window.
    static let window: Int64 = BottleneckRanking.lookbackMilliseconds + BottleneckRanking.growthWindowMilliseconds

    static func load(from reader: any HistoryReading, metric: String, at time: Timestamp) throws -> [BacklogSeries] {
        let from = Timestamp(milliseconds: time.milliseconds - window)
        do {
            let nodes = try nodeNames(reader, from: from, through: time)
            return try reader.select([LabelMatcher.equal(Labels.metricName, metric)], from: from, through: time).map { data in
                let instance = data.labels["instance"] ?? ""
                return BacklogSeries(labels: data.labels, node: nodes[instance] ?? instance, timestamps: data.timestamps, values: data.values)
            }
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
