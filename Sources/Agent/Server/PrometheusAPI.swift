import History
import Query
import TimeSeries

/// Prometheus's HTTP API over the agent's history and memory, answered as Prometheus answers,
/// so Grafana's Prometheus data source, `promtool query` and other Prometheus servers read an
/// agent unchanged. Queries give the same answers as `backlog query` over the same file.
final class PrometheusAPI: Sendable {
    let runtime: AgentRuntime
    let targets: TargetTracker
    let runner = QueryRunner(concurrency: 4)

    /// Prometheus's `--query.timeout` default.
    static let defaultTimeout = Duration.seconds(120)

    init(runtime: AgentRuntime, targets: TargetTracker) {
        self.runtime = runtime
        self.targets = targets
    }

    // MARK: Queries

    /// `/api/v1/query`: the expression's value at `time` (default now).
    func query(_ parameters: APIParameters) throws(APIError) -> AgentHTTPServer.Response {
        let time = try parameters.time("time", default: Timestamp.now())
        let timeout = try Self.timeout(parameters)
        let expr = try Self.parse(parameters["query"])
        let value = try runner.run(timeout: timeout) { [self] () throws(APIError) in
            try read { reader throws(APIError) in
                try Self.evaluating { () throws(QueryError) in try QueryEngine(reader: reader).instant(expr, at: time) }
            }
        }
        return APIResponse.success(value.json)
    }

    /// `/api/v1/query_range`: the expression at every `step` from `start` through `end`, checked
    /// in Prometheus's order and with its messages.
    func queryRange(_ parameters: APIParameters) throws(APIError) -> AgentHTTPServer.Response {
        let start = try Self.requiredTime(parameters, "start")
        let end = try Self.requiredTime(parameters, "end")
        guard end >= start else { throw .badData("end timestamp must not be before start time") }
        guard let step = try parameters.duration("step") else {
            throw .badData("invalid parameter \"step\": cannot parse \"\" to a valid duration")
        }
        guard step.milliseconds > 0 else {
            throw .badData("zero or negative query resolution step widths are not accepted. Try a positive integer")
        }
        guard (end.milliseconds - start.milliseconds) / step.milliseconds <= 11_000 else {
            throw .badData("exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)")
        }
        let timeout = try Self.timeout(parameters)
        let expr = try Self.parse(parameters["query"])
        guard expr.valueType == .vector || expr.valueType == .scalar else {
            throw .badData(
                "invalid parameter \"query\": invalid expression type \"\(expr.valueType == .matrix ? "range vector" : "string")\" for range query, must be Scalar or instant Vector")
        }
        let value = try runner.run(timeout: timeout) { [self] () throws(APIError) in
            try read { reader throws(APIError) in
                try Self.evaluating { () throws(QueryError) in
                    try QueryEngine(reader: reader).range(expr, start: start, end: end, step: step)
                }
            }
        }
        return APIResponse.success(value.json)
    }

    /// `/api/v1/query_exemplars`: checked like a query; the agent keeps no exemplars.
    func exemplars(_ parameters: APIParameters) throws(APIError) -> AgentHTTPServer.Response {
        _ = try parameters.time("start", default: APIParameters.minimumTime)
        _ = try parameters.time("end", default: APIParameters.maximumTime)
        _ = try Self.parse(parameters["query"])
        return APIResponse.success("[]")
    }

    // MARK: Series and labels

    /// `/api/v1/series`: the label sets of the series matching any `match[]` in the window.
    func series(_ parameters: APIParameters) throws(APIError) -> AgentHTTPServer.Response {
        let selectors = parameters.all("match[]")
        guard !selectors.isEmpty else { throw .badData("no match[] parameter provided") }
        let found = try matching(selectors, parameters)
        return APIResponse.success("[" + found.map(APIJSON.labels).joined(separator: ",") + "]")
    }

    /// `/api/v1/labels`: every label name, or those of the series matching `match[]`.
    func labelNames(_ parameters: APIParameters) throws(APIError) -> AgentHTTPServer.Response {
        let selectors = parameters.all("match[]")
        let names: [String]
        if selectors.isEmpty {
            names = try history { history throws(HistoryError) in try history.labelNames() }
        } else {
            names = Set(try matching(selectors, parameters).flatMap { $0.map(\.name) }).sorted()
        }
        return APIResponse.success(APIJSON.strings(names))
    }

    /// `/api/v1/label/<name>/values`: every value of one label, or those on series matching `match[]`.
    func labelValues(_ name: String, _ parameters: APIParameters) throws(APIError) -> AgentHTTPServer.Response {
        guard Self.isLabelName(name) else { throw .badData("invalid label name: \"\(name)\"") }
        let selectors = parameters.all("match[]")
        let values: [String]
        if selectors.isEmpty {
            values = try history { history throws(HistoryError) in try history.labelValues(name: name) }
        } else {
            values = Set(try matching(selectors, parameters).compactMap { $0[name] }).sorted()
        }
        return APIResponse.success(APIJSON.strings(values))
    }

    /// `/api/v1/metadata`: each metric name the history holds; the agent keeps no `# HELP` or
    /// `# TYPE` lines, so each is `unknown` with no help, as Prometheus lists such metrics.
    func metadata(_ parameters: APIParameters) throws(APIError) -> AgentHTTPServer.Response {
        var names = try history { history throws(HistoryError) in try history.labelValues(name: Labels.metricName) }
        if let metric = parameters["metric"] { names = names.filter { $0 == metric } }
        if let limit = parameters["limit"].flatMap({ Int($0) }), limit >= 0 { names = Array(names.prefix(limit)) }
        let entry = #"[{"type":"unknown","help":"","unit":""}]"#
        return APIResponse.success(APIJSON.object(names.map { ($0, entry) }))
    }

    /// `/api/v1/status/buildinfo`, with the version defined in `BuildInfo`.
    func buildInfo() -> AgentHTTPServer.Response {
        APIResponse.success(
            APIJSON.object([
                ("version", APIJSON.string(BuildInfo.version)), ("revision", #""""#), ("branch", #""""#),
                ("buildUser", #""""#), ("buildDate", #""""#), ("goVersion", #""""#),
            ]))
    }

    /// The distinct label sets of the series matching any of the selectors, with samples in the
    /// request's `start`…`end` (everything when absent), in label order.
    func matching(_ selectors: [String], _ parameters: APIParameters) throws(APIError) -> [Labels] {
        let start = try parameters.time("start", default: APIParameters.minimumTime)
        let end = try parameters.time("end", default: APIParameters.maximumTime)
        var sets: [[LabelMatcher]] = []
        for selector in selectors { sets.append(try SeriesSelector.matchers(selector)) }
        let selected = sets
        return try runner.run(timeout: Self.defaultTimeout) { [self] () throws(APIError) in
            try read { reader throws(APIError) in
                var found = Set<Labels>()
                for matchers in selected {
                    do {
                        for series in try reader.series(matching: matchers, from: start, through: end)
                        where series.timestamps.contains(where: { $0 >= start.milliseconds && $0 <= end.milliseconds }) {
                            found.insert(series.labels)
                        }
                    } catch { throw .storageFailure("reading series: \(error)") }
                }
                return found.sorted { $0.storage.lexicographicallyPrecedes($1.storage) }
            }
        }
    }

    // MARK: Reading

    /// Runs `body` over a reader of the agent's memory and its history file, open for this call.
    func read<Value>(_ body: (APISeriesReader) throws(APIError) -> Value) throws(APIError) -> Value {
        let file = HistoryConnection(path: runtime.config.historyPath)
        defer { file.close() }
        return try body(APISeriesReader(store: runtime.apiStore, file: file.reader, now: Timestamp.now()))
    }

    /// Runs a label read on the agent's open history, or on the file when the agent has none
    /// open; nothing is stored while there is neither.
    func history(_ body: (any HistoryReading) throws(HistoryError) -> [String]) throws(APIError) -> [String] {
        do {
            if let store = runtime.apiStore { return try body(store) }
            let file = HistoryConnection(path: runtime.config.historyPath)
            defer { file.close() }
            guard let reader = file.reader else { return [] }
            return try body(reader)
        } catch {
            throw .storageFailure(error.description)
        }
    }

    // MARK: Parameters

    static func parse(_ text: String?) throws(APIError) -> Expr {
        do { return try QueryEngine.parse(text ?? "") } catch { throw .badData("invalid parameter \"query\": " + queryErrorText(error)) }
    }

    /// A query error worded as Prometheus words it: `1:5: parse error: unexpected …`.
    static func queryErrorText(_ error: QueryError) -> String {
        switch error {
        case .parse(let position, let message): "\(position): parse error: \(message)"
        default: error.description
        }
    }

    /// Evaluation with the engine's errors as API errors: what stopped the query (422), or the
    /// history that could not be read (500).
    static func evaluating<Value>(_ body: () throws(QueryError) -> Value) throws(APIError) -> Value {
        do { return try body() } catch {
            switch error {
            case .parse, .notSupported: throw .badData("invalid parameter \"query\": " + queryErrorText(error))
            case .evaluation(let message): throw .execution(message)
            case .storage: throw .storageFailure(error.description)
            }
        }
    }

    static func requiredTime(_ parameters: APIParameters, _ name: String) throws(APIError) -> Timestamp {
        guard parameters[name] != nil else { throw .badData("invalid parameter \"\(name)\": cannot parse \"\" to a valid timestamp") }
        return try parameters.time(name, default: Timestamp(milliseconds: 0))
    }

    static func timeout(_ parameters: APIParameters) throws(APIError) -> Duration {
        guard let timeout = try parameters.duration("timeout"), timeout.milliseconds > 0 else { return defaultTimeout }
        return min(.milliseconds(timeout.milliseconds), defaultTimeout)
    }

    /// `[a-zA-Z_][a-zA-Z0-9_]*`, Prometheus's label names.
    static func isLabelName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCII, first == "_" || first.properties.isAlphabetic else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    }
}

/// A read-only connection to the history file for one API call; none while the file does not
/// exist yet (the agent has not stored a cycle), which reads as an empty history.
final class HistoryConnection: @unchecked Sendable {
    let reader: HistoryReader?

    init(path: String) { reader = try? HistoryReader(path: path) }

    func close() { reader?.close() }
}
