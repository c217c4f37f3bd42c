import TimeSeries

/// An API failure as Prometheus reports it: its `errorType`, its message and its HTTP status.
struct APIError: Error, Sendable, Equatable {
    var type: String
    var message: String
    var status: Int

    /// A request the API cannot take: bad query, time, step or range (400).
    static func badData(_ message: String) -> APIError { APIError(type: "bad_data", message: message, status: 400) }
    /// A query that failed while it ran (422).
    static func execution(_ message: String) -> APIError { APIError(type: "execution", message: message, status: 422) }
    /// A query that ran past its `timeout` (503).
    static func timeout(_ message: String) -> APIError { APIError(type: "timeout", message: message, status: 503) }
    /// The history could not be read (500).
    static func storageFailure(_ message: String) -> APIError { APIError(type: "internal", message: message, status: 500) }
}

/// Prometheus's response envelope, with its field order: `status`, `data`, `errorType`, `error`, `warnings`.
enum APIResponse {
    static let contentType = "application/json"

    /// `{"status":"success","data":…}`, with `warnings` when there are any.
    static func success(_ data: String, warnings: [String] = []) -> AgentHTTPServer.Response {
        var body = #"{"status":"success","data":"# + data
        if !warnings.isEmpty { body += #","warnings":["# + warnings.map(APIJSON.string).joined(separator: ",") + "]" }
        return AgentHTTPServer.Response(status: 200, contentType: contentType, body: body + "}")
    }

    /// `{"status":"error","errorType":"bad_data","error":"…"}` with the error's status.
    static func failure(_ error: APIError) -> AgentHTTPServer.Response {
        AgentHTTPServer.Response(
            status: error.status, contentType: contentType,
            body: #"{"status":"error","errorType":"# + APIJSON.string(error.type) + #","error":"# + APIJSON.string(error.message) + "}")
    }
}

/// JSON pieces as Prometheus's encoder writes them (Go's `encoding/json`, HTML characters escaped).
enum APIJSON {
    static func string(_ text: String) -> String { JSONString.goQuote(text) }

    /// A label set as an object, keys in label order.
    static func labels(_ labels: Labels) -> String {
        "{" + labels.map { string($0.name) + ":" + string($0.value) }.joined(separator: ",") + "}"
    }

    static func strings(_ list: [String]) -> String { "[" + list.map(string).joined(separator: ",") + "]" }

    /// An object from keys and already-encoded values, in the given order.
    static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    /// A float as `encoding/json` writes one: shortest form, exponent from 1e21 and below 1e-6.
    static func number(_ value: Double) -> String {
        let magnitude = abs(value)
        return magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21) ? GoFloatFormat.exponent(value) : GoFloatFormat.fixed(value)
    }
}
