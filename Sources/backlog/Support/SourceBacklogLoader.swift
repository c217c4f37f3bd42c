import Probe
import Query
import Ranking
import TimeSeries

/// Reads the recent backlog of every process from a Prometheus-compatible source, with node
/// names: the same series over the same window as `BacklogSeriesLoader` reads from the history,
/// so the ranking over them is the same.
enum SourceBacklogLoader {
    static func load(from api: PrometheusAPI, metric: String, at time: Timestamp) throws(PrometheusAPIError) -> [BacklogSeries] {
        let reader = RemoteSeriesReader(api: api)
        let from = Timestamp(milliseconds: time.milliseconds - BacklogSeriesLoader.window)
        let nodes = try nodeNames(reader, from: from, through: time)
        return try reader.rawSeries(matching: [LabelMatcher.equal(Labels.metricName, metric)], from: from, through: time).compactMap { data in
            backlogSeries(data, nodes: nodes)
        }
    }

    /// The reductions rates and info series over the same window, as `BacklogSeriesLoader.loadDetails` reads them.
    static func loadDetails(from api: PrometheusAPI, at time: Timestamp) throws(PrometheusAPIError) -> [ProcessKey: ProcessDetail] {
        let reader = RemoteSeriesReader(api: api)
        let from = Timestamp(milliseconds: time.milliseconds - BacklogSeriesLoader.window)
        var series: [(labels: Labels, timestamps: [Int64], values: [Double])] = []
        for metric in [ExporterMetric.processReductionsRate, ExporterMetric.processInfo] {
            for data in try reader.rawSeries(matching: [LabelMatcher.equal(Labels.metricName, metric)], from: from, through: time) {
                series.append((data.labels, data.timestamps, data.values))
            }
        }
        return ProcessDetail.collect(series)
    }

    /// How many processes each process type counted last in the window, as `BacklogSeriesLoader.loadTypeCounts` reads them.
    static func loadTypeCounts(from api: PrometheusAPI, at time: Timestamp) throws(PrometheusAPIError) -> ProcessTypeCounts {
        let reader = RemoteSeriesReader(api: api)
        let from = Timestamp(milliseconds: time.milliseconds - BacklogSeriesLoader.window)
        let series = try reader.rawSeries(matching: [LabelMatcher.equal(Labels.metricName, ExporterMetric.typeProcesses)], from: from, through: time)
        return ProcessTypeCounts.collect(series.map { ($0.labels, $0.values) })
    }

    /// One series as the ranking takes it, as `BacklogSeriesLoader` builds it from the history.
    static func backlogSeries(_ data: StoredSeries, nodes: [String: String]) -> BacklogSeries? {
        guard let last = data.values.last, !Sample.isStaleMarker(last) else { return nil }
        let live = data.values.indices.filter { !Sample.isStaleMarker(data.values[$0]) }
        let instance = data.labels["instance"] ?? ""
        return BacklogSeries(
            labels: data.labels, node: nodes[instance] ?? instance, timestamps: live.map { data.timestamps[$0] },
            values: live.map { data.values[$0] })
    }

    /// `instance → node` from the latest `erlang_node_info` of each target in the window.
    static func nodeNames(_ reader: RemoteSeriesReader, from: Timestamp, through: Timestamp) throws(PrometheusAPIError) -> [String: String] {
        let value = try reader.api.instant("last_over_time(\(ExporterMetric.nodeInfo)[\(max(1, through.milliseconds - from.milliseconds + 1))ms])", at: through)
        var names: [String: String] = [:]
        guard case .vector(let samples) = value else { return names }
        for sample in samples {
            if let instance = sample.labels["instance"], let node = sample.labels["node"] { names[instance] = node }
        }
        return names
    }
}
