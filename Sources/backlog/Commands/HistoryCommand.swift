import Agent
import ArgumentParser
import Foundation
import History
import Probe
import Query
import TimeSeries

/// `backlog history`: how the backlogs of processes evolved, a chart by default.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show backlog history: mailbox queue lengths over time, as a chart by default.",
        discussion: """
            Without filters it shows the processes whose backlog peaked highest in the window. \
            --process takes a registered name (chat_router) or a pid (<0.123.0>); --node takes an \
            Erlang node name (chat1@host) or a target's host:port.
            """)

    @Option(name: .long, help: "Only this node: an Erlang node name or host:port.")
    var node: String?

    @Option(name: .long, help: "Only this process: a registered name or a pid.")
    var process: String?

    @Option(name: .long, help: "How far back to start, such as 15m, 1h or 2d.")
    var since: String = "1h"

    @Option(name: .long, help: "Where to end (default now): RFC 3339, unix seconds, or now-30m.")
    var until: String = "now"

    @Option(name: .long, help: "Resolution, such as 10s or 1m (default: about 240 points).")
    var step: String?

    @Option(name: .long, help: "How many series at most (the highest peaks first).")
    var limit: Int = 8

    @Option(name: .long, help: "The backlog metric.")
    var metric: String = ExporterMetric.processQueue

    @Option(name: .long, help: "The history file.")
    var db: String = "backlog.db"

    @Option(name: .long, help: "Output: chart, table, csv or json.")
    var format: QueryFormat = .chart

    @OptionGroup var source: SourceOptions

    func validate() throws {
        guard let window = PromDuration(parsing: since), window.milliseconds > 0 else {
            throw ValidationError("--since \"\(since)\" is not a duration — write it like 15m, 1h or 2d")
        }
        if let step, (PromDuration(parsing: step)?.milliseconds ?? 0) <= 0 {
            throw ValidationError("--step \"\(step)\" is not a positive duration — write it like 10s or 1m")
        }
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        let now = Timestamp.now()
        guard let requestedEnd = TimeArgument.parse(until, now: now) else { throw TimeArgument.failure("--until", until) }
        let resolution = step.flatMap(PromDuration.init(parsing:))
            ?? RangeStep.automatic(from: requestedEnd - PromDuration(parsing: since)!, to: requestedEnd)
        // Points on round times read better: 06:00:00, 06:00:15, … rather than 06:00:07.538.
        let end = Timestamp(milliseconds: requestedEnd.milliseconds / resolution.milliseconds * resolution.milliseconds)
        let start = end - PromDuration(parsing: since)!
        let (selection, value) = try read(start: start, end: end, step: resolution)
        guard case .matrix(let all) = value, !all.isEmpty else {
            FileHandle.standardError.write(Data("no \(metric) samples match \(selection.describe) from \(TimeArgument.format(start)) to \(TimeArgument.format(end)) in \(source.settings?.shownURL ?? db)\n".utf8))
            return
        }
        let shown = BacklogSelection.highestPeaks(all, limit: limit).map { series in
            RangeSeries(labels: selection.legendLabels(series.labels), points: series.points)
        }
        let title = "\(metric) — \(selection.describe), \(TimeArgument.format(start)) to \(TimeArgument.format(end)), step \(resolution)"
        switch format {
        case .chart: print(QueryChart.render(.matrix(shown), title: title, timeRange: start...end), terminator: "")
        case .table: print(QueryTable.wide(shown), terminator: "")
        case .csv: print(QueryCSV.render(.matrix(shown)), terminator: "")
        case .json: print(QueryValue.matrix(shown).json)
        }
        if all.count > shown.count, format == .chart || format == .table {
            FileHandle.standardError.write(Data("showing the \(shown.count) highest of \(all.count) series; use --limit, --node or --process\n".utf8))
        }
    }
}

extension HistoryCommand {
    /// The selection and its range query: at `--source` when given, else over the history.
    private func read(start: Timestamp, end: Timestamp, step: PromDuration) throws -> (BacklogSelection, QueryValue) {
        if let settings = source.settings {
            let api = settings.api()
            do {
                let nodes = try SourceBacklogLoader.nodeNames(RemoteSeriesReader(api: api), from: start, through: end)
                let selection = try BacklogSelection(metric: metric, node: node, process: process, nodes: nodes)
                return (selection, try api.range(selection.expression, start: start, end: end, step: step))
            } catch let error as PrometheusAPIError { throw CommandFailure(error.description) }
        }
        let reader = try HistoryFile.openReader(db)
        defer { reader.close() }
        let engine = QueryEngine(reader: HistorySeriesReader(reader))
        let nodes = try BacklogSelection.nodeNames(engine: engine, start: start, end: end)
        let selection = try BacklogSelection(metric: metric, node: node, process: process, nodes: nodes)
        do {
            return (selection, try engine.range(selection.expression, start: start, end: end, step: step))
        } catch { throw QueryErrorText.failure(error, in: selection.expression) }
    }
}
