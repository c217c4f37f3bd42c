import Agent
import Foundation
import History
import Probe
import Query
import TimeSeries

/// One process's queue over the recent past, read from the history file or a `--source`.
struct InspectHistory {
    /// The queue over the whole window, at a regular step: for the chart.
    var points: [(time: Timestamp, value: Double)]
    /// The raw samples of the last minute: for the trend.
    var recent: [(time: Timestamp, value: Double)]
    /// Where the points came from: the file's path or the source's URL.
    var origin: String

    /// The queue of `pid` on `node` (its Erlang name, or the target's host:port) over `window`
    /// up to `now`; nil when there is no history to read or it holds nothing for the process.
    ///
    /// - Parameter db: the history file; nil means `backlog.db` when it exists.
    static func read(
        pid: String, node: String?, target: String, db: String?, source: SourceOptions, window: PromDuration, now: Timestamp
    ) throws -> InspectHistory? {
        let start = now - window
        let step = PromDuration(milliseconds: max(1000, window.milliseconds / 120))
        if let settings = source.settings {
            let api = settings.api()
            do {
                let names = try SourceBacklogLoader.nodeNames(RemoteSeriesReader(api: api), from: start, through: now)
                for selection in selections(pid: pid, node: node, target: target, nodes: names) {
                    guard let points = longest(try api.range(selection.expression, start: start, end: now, step: step)) else { continue }
                    let recent = longest(try api.instant("\(selection.expression)[1m]", at: now)) ?? []
                    return InspectHistory(points: points, recent: recent, origin: settings.shownURL)
                }
                return nil
            } catch { throw CommandFailure(error.description) }
        }
        let path = db ?? "backlog.db"
        if db == nil, !FileManager.default.fileExists(atPath: path) { return nil }
        let reader = try HistoryFile.openReader(path)
        defer { reader.close() }
        let engine = QueryEngine(reader: HistorySeriesReader(reader))
        let names = try BacklogSelection.nodeNames(engine: engine, start: start, end: now)
        for selection in selections(pid: pid, node: node, target: target, nodes: names) {
            guard let value = try? engine.range(selection.expression, start: start, end: now, step: step), let points = longest(value)
            else { continue }
            let recent = (try? engine.instant("\(selection.expression)[1m]", at: now)).flatMap(longest) ?? []
            return InspectHistory(points: points, recent: recent, origin: path)
        }
        return nil
    }

    /// By the node's Erlang name when the history knows it, else by the target's address.
    private static func selections(pid: String, node: String?, target: String, nodes: [String: String]) -> [BacklogSelection] {
        let instance = ScrapeTarget(commandLineURL: target).instance
        var candidates: [String] = []
        if let node, nodes.values.contains(node) { candidates.append(node) }
        candidates.append(instance)
        return candidates.compactMap {
            try? BacklogSelection(metric: ExporterMetric.processQueue, node: $0, process: pid, nodes: nodes)
        }
    }

    /// The series with the most points, as (time, value) pairs.
    private static func longest(_ value: QueryValue) -> [(time: Timestamp, value: Double)]? {
        guard case .matrix(let series) = value, let best = series.max(by: { $0.points.count < $1.points.count }),
            best.points.count > 0
        else { return nil }
        return best.points.map { ($0.t, $0.v) }
    }
}
