import Foundation
public import TimeSeries

/// One GET of a Prometheus-compatible HTTP API: a path under the source's URL and its parameters.
public struct PrometheusAPIRequest: Sendable {
    /// Such as `/api/v1/query`.
    public var path: String
    public var parameters: [(name: String, value: String)]

    public init(path: String, parameters: [(name: String, value: String)]) {
        self.path = path
        self.parameters = parameters
    }

    /// The path and its percent-encoded query string, to append to the source's URL.
    public var target: String {
        guard !parameters.isEmpty else { return path }
        return path + "?" + parameters.map { Self.encode($0.name) + "=" + Self.encode($0.value) }.joined(separator: "&")
    }

    /// Everything but unreserved characters escaped, so PromQL's `+`, `&`, `=` and `#` arrive as written.
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}

/// What the source answered: status, content type and body.
public struct PrometheusAPIResponse: Sendable {
    public var status: Int
    public var contentType: String?
    public var body: [UInt8]

    public init(status: Int, contentType: String?, body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }
}

/// A client of the Prometheus HTTP API (Prometheus, VictoriaMetrics, Thanos, Mimir, or another
/// Backlog agent), over a fetch function the caller hands in.
///
/// The query engine does not speak HTTP: the command line gives this a function that performs
/// the GET with the source's credentials and TLS settings and turns transport failures into a
/// `PrometheusAPIError`. Everything about what the answer means is decided here.
public struct PrometheusAPI: Sendable {
    /// Performs one request; throws only for failures before an HTTP status (refused, timeout).
    public typealias Fetch = @Sendable (PrometheusAPIRequest) throws(PrometheusAPIError) -> PrometheusAPIResponse

    /// The source's URL without credentials, for messages.
    public let source: String
    private let fetch: Fetch

    public init(source: String, fetch: @escaping Fetch) {
        self.source = source
        self.fetch = fetch
    }

    /// `/api/v1/query`: the expression evaluated by the source at `time`.
    public func instant(_ expression: String, at time: Timestamp) throws(PrometheusAPIError) -> QueryValue {
        let data = try call("/api/v1/query", [("query", expression), ("time", PrometheusJSON.sampleTime(time))])
        return try decodeValue(data)
    }

    /// `/api/v1/query_range`: the expression evaluated by the source at every step from `start` through `end`.
    public func range(_ expression: String, start: Timestamp, end: Timestamp, step: PromDuration) throws(PrometheusAPIError)
        -> QueryValue
    {
        let data = try call("/api/v1/query_range", [
            ("query", expression), ("start", PrometheusJSON.sampleTime(start)), ("end", PrometheusJSON.sampleTime(end)),
            ("step", PrometheusJSON.sampleTime(Timestamp(milliseconds: step.milliseconds))),
        ])
        return try decodeValue(data)
    }

    /// `/api/v1/series`: the label sets of the series a selector matches between `start` and `end`.
    public func series(_ selector: String, start: Timestamp, end: Timestamp) throws(PrometheusAPIError) -> [Labels] {
        let data = try call("/api/v1/series", [
            ("match[]", selector), ("start", PrometheusJSON.sampleTime(start)), ("end", PrometheusJSON.sampleTime(end)),
        ])
        guard let items = data.array else { throw notPrometheus("/api/v1/series answered no list of series") }
        return items.map(Self.labels)
    }

    /// `/api/v1/alerts`: the source's active alerts; nil when it has no such endpoint (a plain
    /// store such as VictoriaMetrics without vmalert answers 404 or 400).
    public func alerts() throws(PrometheusAPIError) -> [PrometheusAPIAlert]? {
        let response = try fetch(PrometheusAPIRequest(path: "/api/v1/alerts", parameters: []))
        if [400, 404, 405, 501].contains(response.status) { return nil }
        let data = try envelope(response, path: "/api/v1/alerts")
        guard let items = data["alerts"]?.array else { return nil }
        return items.map { item in
            var labels = Self.labels(item["labels"] ?? .null)
            if labels.isEmpty { labels = Labels() }
            let annotations = Self.labels(item["annotations"] ?? .null)
            return PrometheusAPIAlert(
                labels: labels, annotations: annotations, state: item["state"]?.string ?? "firing",
                activeAt: item["activeAt"]?.string.flatMap(Self.parseRFC3339), value: item["value"]?.string.flatMap(Self.parseValue))
        }
    }

    // MARK: - Answers

    /// The `data` member of a successful answer, or the error the answer means.
    private func call(_ path: String, _ parameters: [(name: String, value: String)]) throws(PrometheusAPIError) -> APIJSON {
        let response = try fetch(PrometheusAPIRequest(path: path, parameters: parameters))
        return try envelope(response, path: path)
    }

    private func envelope(_ response: PrometheusAPIResponse, path: String) throws(PrometheusAPIError) -> APIJSON {
        let status = response.status
        if status == 401 || status == 403 {
            let word = status == 401 ? "401 Unauthorized" : "403 Forbidden"
            throw PrometheusAPIError(
                kind: .unauthorized(status: status), source: source,
                reason: "answered \(word) — check the credentials (--bearer-token-file, --basic-auth-user with --basic-auth-password-file)")
        }
        let type = response.contentType?.lowercased() ?? ""
        let json = type.contains("html") ? nil : APIJSON.parse(response.body)
        guard let json, case .object = json, let outcome = json["status"]?.string else {
            if status == 404 {
                throw notPrometheus("has no \(path) (404 Not Found) — give the base URL of a Prometheus-compatible API, without /api/v1")
            }
            if type.contains("html") || Self.looksLikeHTML(response.body) {
                throw notPrometheus("answered \(status) with an HTML page, not the Prometheus API's JSON — is this the URL of Prometheus, VictoriaMetrics, Thanos or a Backlog agent?")
            }
            if status >= 400 {
                throw PrometheusAPIError(kind: status == 422 ? .tooLarge : .failed, source: source,
                                         reason: "answered \(status) on \(path): \(Self.excerpt(response.body))")
            }
            throw notPrometheus("answered \(path) with something other than the Prometheus API's JSON (\(response.contentType ?? "no content type")) — is this the URL of a Prometheus-compatible API?")
        }
        guard outcome == "success" else {
            let errorType = json["errorType"]?.string ?? ""
            let message = json["error"]?.string ?? "no message"
            throw Self.failure(errorType: errorType, message: message, status: status, source: source)
        }
        guard let data = json["data"] else { throw notPrometheus("answered \(path) without a data member") }
        return data
    }

    /// The error an API error answer means, keeping the source's own message.
    static func failure(errorType: String, message: String, status: Int, source: String) -> PrometheusAPIError {
        let lowered = message.lowercased()
        let large = ["too many", "exceed", "too large", "cannot select more", "limit"].contains { lowered.contains($0) }
        if !large && (errorType == "timeout" || lowered.contains("timeout")) {
            return PrometheusAPIError(kind: .timedOut, source: source, reason: "the query timed out at the source: \(message)")
        }
        if large {
            return PrometheusAPIError(
                kind: .tooLarge, source: source,
                reason: "the query is too large for the source (\(status) \(errorType)): \(message) — narrow the selector or shorten the range")
        }
        if status == 422 || errorType == "execution" {
            return PrometheusAPIError(
                kind: .rejected, source: source, reason: "the source could not evaluate the query (\(status) \(errorType)): \(message)")
        }
        if errorType == "bad_data" || status == 400 {
            return PrometheusAPIError(kind: .rejected, source: source, reason: "the source rejected the query (bad_data): \(message)")
        }
        return PrometheusAPIError(kind: .failed, source: source, reason: "the source failed (\(status) \(errorType)): \(message)")
    }

    private func notPrometheus(_ reason: String) -> PrometheusAPIError {
        PrometheusAPIError(kind: .notPrometheus, source: source, reason: reason)
    }

    private static func looksLikeHTML(_ body: [UInt8]) -> Bool {
        let head = String(decoding: body.prefix(512), as: UTF8.self).lowercased()
        return head.contains("<html") || head.contains("<!doctype")
    }

    /// The start of a body, on one line, for a message.
    private static func excerpt(_ body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(200), as: UTF8.self).split(whereSeparator: \.isNewline).joined(separator: " ")
        return text.isEmpty ? "(empty body)" : text
    }

    // MARK: - Values

    private func decodeValue(_ data: APIJSON) throws(PrometheusAPIError) -> QueryValue {
        guard let type = data["resultType"]?.string, let result = data["result"] else {
            throw notPrometheus("answered without resultType and result")
        }
        switch type {
        case "scalar", "string":
            guard let pair = result.array, pair.count == 2, let seconds = pair[0].number, let text = pair[1].string else {
                throw notPrometheus("answered a \(type) that is not [time, value]")
            }
            let time = Self.timestamp(seconds)
            if type == "string" { return .string(t: time, s: text) }
            return .scalar(t: time, v: Self.parseValue(text) ?? .nan)
        case "vector":
            guard let items = result.array else { throw notPrometheus("answered a vector that is not a list") }
            var samples: [VectorSample] = []
            samples.reserveCapacity(items.count)
            for item in items {
                guard let point = item["value"].flatMap(Self.point) else { continue }
                samples.append(VectorSample(labels: Self.labels(item["metric"] ?? .null), t: point.t, v: point.v))
            }
            return .vector(samples)
        case "matrix":
            guard let items = result.array else { throw notPrometheus("answered a matrix that is not a list") }
            var series: [RangeSeries] = []
            series.reserveCapacity(items.count)
            for item in items {
                let points = (item["values"]?.array ?? []).compactMap(Self.point)
                series.append(RangeSeries(labels: Self.labels(item["metric"] ?? .null), points: points))
            }
            return .matrix(series)
        default:
            throw notPrometheus("answered a result of type \(type), which is not a Prometheus result type")
        }
    }

    static func labels(_ json: APIJSON) -> Labels {
        guard case .object(let members) = json else { return Labels() }
        return Labels(members.compactMap { member in member.value.string.map { Label(member.key, $0) } })
    }

    static func point(_ json: APIJSON) -> Point? {
        if case .sample(let seconds, let text) = json {
            return parseValue(text).map { Point(t: timestamp(seconds), v: $0) }
        }
        guard case .array(let pair) = json, pair.count == 2, let seconds = pair[0].number, let text = pair[1].string,
            let value = parseValue(text)
        else { return nil }
        return Point(t: timestamp(seconds), v: value)
    }

    /// Seconds with up to millisecond precision, as the API writes them, to milliseconds.
    static func timestamp(_ seconds: Double) -> Timestamp {
        Timestamp(milliseconds: Int64((seconds * 1000).rounded()))
    }

    static func parseValue(_ text: String) -> Double? { GoFloatParse.value(text) }

    static func parseRFC3339(_ text: String) -> Timestamp? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        guard let date = formatter.date(from: text) ?? plain.date(from: text) else { return nil }
        return Timestamp(milliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded()))
    }
}

/// One active alert as `/api/v1/alerts` lists it.
public struct PrometheusAPIAlert: Sendable, Equatable {
    public var labels: Labels
    public var annotations: Labels
    /// `pending` or `firing`.
    public var state: String
    public var activeAt: Timestamp?
    public var value: Double?

    public init(labels: Labels, annotations: Labels, state: String, activeAt: Timestamp?, value: Double?) {
        self.labels = labels
        self.annotations = annotations
        self.state = state
        self.activeAt = activeAt
        self.value = value
    }
}
