import Agent
import ArgumentParser
import Foundation
import History
import Query
import TimeSeries

/// `backlog query`: the PromQL subset over the history.
struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Evaluate a PromQL expression over the history.",
        discussion: """
            An instant query at --at (default now), or a range query with --start (and --end, default \
            now; --step, default about 240 points). Times are RFC 3339, unix seconds, or relative \
            (now-1h). `--format json` prints exactly the `data` object of Prometheus's HTTP API.
            """)

    @Argument(help: "The expression, such as 'topk(5, erlang_process_message_queue_len)'.")
    var expression: String

    @Option(name: .long, help: "Evaluate at this time (instant query).")
    var at: String?

    @Option(name: .long, help: "Start of a range query.")
    var start: String?

    @Option(name: .long, help: "End of a range query (default now).")
    var end: String?

    @Option(name: .long, help: "Resolution of a range query, such as 15s or 1m.")
    var step: String?

    @Option(name: .long, help: "The history file.")
    var db: String = "backlog.db"

    @Option(name: .long, help: "Output: table, json, csv or chart.")
    var format: QueryFormat = .table

    @OptionGroup var source: SourceOptions

    func validate() throws {
        if at != nil && (start != nil || end != nil || step != nil) {
            throw ValidationError("use --at for an instant query or --start/--end/--step for a range, not both")
        }
        if start == nil && (end != nil || step != nil) { throw ValidationError("--end and --step need --start") }
        if let step, (PromDuration(parsing: step)?.milliseconds ?? 0) <= 0 {
            throw ValidationError("--step \"\(step)\" is not a positive duration — write it like 15s or 1m")
        }
    }

    func run() async throws {
        let now = Timestamp.now()
        if let settings = source.settings { return try runAtSource(settings, now: now) }
        let parsed: Expr
        do { parsed = try QueryEngine.parse(expression) } catch { throw QueryErrorText.failure(error, in: expression) }
        let reader = try HistoryFile.openReader(db)
        defer { reader.close() }
        let engine = QueryEngine(reader: HistorySeriesReader(reader))
        let value: QueryValue
        var window: ClosedRange<Timestamp>?
        do {
            if let start {
                guard let from = TimeArgument.parse(start, now: now) else { throw TimeArgument.failure("--start", start) }
                let endText = end ?? "now"
                guard let to = TimeArgument.parse(endText, now: now) else { throw TimeArgument.failure("--end", endText) }
                guard from <= to else { throw CommandFailure("--start is after --end") }
                let resolution = step.flatMap(PromDuration.init(parsing:)) ?? RangeStep.automatic(from: from, to: to)
                if (to.milliseconds - from.milliseconds) / resolution.milliseconds > 11_000 {
                    throw CommandFailure("a range of more than 11,000 points — use a larger --step (as Prometheus requires)")
                }
                value = try engine.range(parsed, start: from, end: to, step: resolution)
                window = from...to
            } else {
                let atText = at ?? "now"
                guard let time = TimeArgument.parse(atText, now: now) else { throw TimeArgument.failure("--at", atText) }
                value = try engine.instant(parsed, at: time)
            }
        } catch let error as QueryError {
            throw QueryErrorText.failure(error, in: expression)
        }
        print(render(value, window: window), terminator: "")
    }

    /// Sends the expression to the source as written, and prints its answer as a local result.
    private func runAtSource(_ settings: SourceSettings, now: Timestamp) throws {
        let api = settings.api()
        let value: QueryValue
        var window: ClosedRange<Timestamp>?
        do {
            if let start {
                guard let from = TimeArgument.parse(start, now: now) else { throw TimeArgument.failure("--start", start) }
                let endText = end ?? "now"
                guard let to = TimeArgument.parse(endText, now: now) else { throw TimeArgument.failure("--end", endText) }
                guard from <= to else { throw CommandFailure("--start is after --end") }
                let resolution = step.flatMap(PromDuration.init(parsing:)) ?? RangeStep.automatic(from: from, to: to)
                value = try api.range(expression, start: from, end: to, step: resolution)
                window = from...to
            } else {
                let atText = at ?? "now"
                guard let time = TimeArgument.parse(atText, now: now) else { throw TimeArgument.failure("--at", atText) }
                value = try api.instant(expression, at: time)
            }
        } catch let error as PrometheusAPIError {
            throw CommandFailure(error.description)
        }
        print(render(value, window: window), terminator: "")
    }

    private func render(_ value: QueryValue, window: ClosedRange<Timestamp>?) -> String {
        switch format {
        case .json: value.json + "\n"
        case .table: QueryTable.render(value)
        case .csv: QueryCSV.render(value)
        case .chart: QueryChart.render(value, title: expression, timeRange: window)
        }
    }
}
