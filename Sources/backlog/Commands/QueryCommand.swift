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

            An expression that starts with '-' is taken as the expression, not as an option: \
            backlog query '-rate(x[1m])' works as it is (so does backlog query -- '-rate(x[1m])').
            """)

    @Argument(help: "The expression, such as 'topk(5, erlang_process_message_queue_len)' or '-x'.")
    var expression: String

    /// The options that take a value, each with its two dashes; `expressionLast` skips their values.
    static let valueOptions: Set<String> = Set(["--at", "--start", "--end", "--step", "--db", "--format"]).union(SourceOptions.valueOptions)

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
        let moment = try QueryMoment(at: at, start: start, end: end, step: step, now: Timestamp.now())
        let value: QueryValue
        if let settings = source.settings {
            // The source evaluates the expression as written; its own errors come back in words.
            let api = settings.api()
            do {
                switch moment {
                case .instant(let time): value = try api.instant(expression, at: time)
                case .range(let from, let to, let resolution): value = try api.range(expression, start: from, end: to, step: resolution)
                }
            } catch {
                throw CommandFailure(error.description)
            }
        } else {
            let parsed: Expr
            do { parsed = try QueryEngine.parse(expression) } catch { throw QueryErrorText.failure(error, in: expression) }
            let reader = try HistoryFile.openReader(db)
            defer { reader.close() }
            let engine = QueryEngine(reader: HistorySeriesReader(reader))
            do {
                switch moment {
                case .instant(let time): value = try engine.instant(parsed, at: time)
                case .range(let from, let to, let resolution):
                    if (to.milliseconds - from.milliseconds) / resolution.milliseconds > 11_000 {
                        throw CommandFailure("a range of more than 11,000 points — use a larger --step (as Prometheus requires)")
                    }
                    value = try engine.range(parsed, start: from, end: to, step: resolution)
                }
            } catch let error as QueryError {
                throw QueryErrorText.failure(error, in: expression)
            }
        }
        print(render(value, window: moment.window), terminator: "")
    }

    /// The command line with a `query` expression that starts with `-` moved behind a `--`, so
    /// that the parser takes it as the expression rather than as an option it does not know.
    ///
    /// Only the first argument after `query` that is neither an option, nor an option's value, nor
    /// `-h` moves; a command line that already has `--`, or is not `query`, is returned unchanged.
    /// Options after the expression keep working: `backlog query '-x' --at 10` is
    /// `backlog query --at 10 -- '-x'`.
    static func expressionLast(_ arguments: [String]) -> [String] {
        guard arguments.first == configuration.commandName, !arguments.contains("--") else { return arguments }
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            if argument.hasPrefix("--") {
                let takesValue = valueOptions.contains(argument)
                index += takesValue ? 2 : 1
                continue
            }
            guard argument.hasPrefix("-"), argument.count > 1, argument != "-h" else { return arguments }
            var moved = arguments
            moved.remove(at: index)
            return moved + ["--", argument]
        }
        return arguments
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

/// When a query is evaluated: at one time, or over a range at a resolution.
enum QueryMoment {
    case instant(Timestamp)
    case range(from: Timestamp, to: Timestamp, step: PromDuration)

    /// Reads `--at` or `--start`/`--end`/`--step`, relative to `now`.
    init(at: String?, start: String?, end: String?, step: String?, now: Timestamp) throws {
        guard let start else {
            let atText = at ?? "now"
            guard let time = TimeArgument.parse(atText, now: now) else { throw TimeArgument.failure("--at", atText) }
            self = .instant(time)
            return
        }
        guard let from = TimeArgument.parse(start, now: now) else { throw TimeArgument.failure("--start", start) }
        let endText = end ?? "now"
        guard let to = TimeArgument.parse(endText, now: now) else { throw TimeArgument.failure("--end", endText) }
        guard from <= to else { throw CommandFailure("--start is after --end") }
        self = .range(from: from, to: to, step: step.flatMap(PromDuration.init(parsing:)) ?? RangeStep.automatic(from: from, to: to))
    }

    /// The range a chart spans, for a range query.
    var window: ClosedRange<Timestamp>? {
        if case .range(let from, let to, _) = self { from...to } else { nil }
    }
}
