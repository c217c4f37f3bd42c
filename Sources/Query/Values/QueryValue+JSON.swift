import TimeSeries

extension QueryValue {
    /// The `data` object of Prometheus's `/api/v1/query` and `/api/v1/query_range`, byte for
    /// byte. Prometheus writes the parts with different encoders, and so does this:
    /// - samples: times as `seconds.mmm` (trailing zeros kept), values as Go's `'f'` format but
    ///   `'e'` below 1e-6 and from 1e21 on (`"1e+21"`);
    /// - scalars: values always in `'f'` format, time as a plain shortest float;
    /// - label sets and strings: Go's `encoding/json`, which escapes `<`, `>` and `&`.
    public var json: String {
        switch self {
        case .scalar(let time, let value):
            #"{"resultType":"scalar","result":[\#(PrometheusJSON.plainTime(time)),"\#(GoFloatFormat.fixed(value))"]}"#
        case .string(let time, let text):
            #"{"resultType":"string","result":[\#(PrometheusJSON.plainTime(time)),\#(PrometheusJSON.string(text))]}"#
        case .vector(let samples):
            #"{"resultType":"vector","result":["#
                + samples.map { sample in
                    #"{"metric":\#(PrometheusJSON.labels(sample.labels)),"value":\#(PrometheusJSON.point(sample.t, sample.v))}"#
                }.joined(separator: ",") + "]}"
        case .matrix(let series):
            #"{"resultType":"matrix","result":["#
                + series.map { series in
                    let values = series.points.map { PrometheusJSON.point($0.t, $0.v) }.joined(separator: ",")
                    return #"{"metric":\#(PrometheusJSON.labels(series.labels)),"values":[\#(values)]}"#
                }.joined(separator: ",") + "]}"
        }
    }
}

/// The pieces of Prometheus's JSON encoding.
enum PrometheusJSON {
    /// `[1435781451.781,"1"]`, as Prometheus writes a sample.
    static func point(_ time: Timestamp, _ value: Double) -> String {
        "[" + sampleTime(time) + "," + "\"" + sampleValue(value) + "\"]"
    }

    /// Whole seconds, then `.` and three digits of milliseconds when there are any.
    static func sampleTime(_ time: Timestamp) -> String {
        let milliseconds = time.milliseconds.magnitude
        let sign = time.milliseconds < 0 ? "-" : ""
        let fraction = milliseconds % 1000
        guard fraction != 0 else { return sign + String(milliseconds / 1000) }
        let digits = String(fraction)
        return sign + String(milliseconds / 1000) + "." + String(repeating: "0", count: 3 - digits.count) + digits
    }

    static func sampleValue(_ value: Double) -> String {
        let magnitude = Swift.abs(value)
        return magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21)
            ? GoFloatFormat.exponent(value) : GoFloatFormat.fixed(value)
    }

    /// A time as `encoding/json` writes the float `seconds`: `1435781451.78`.
    static func plainTime(_ time: Timestamp) -> String { GoFloatFormat.fixed(Double(time.milliseconds) / 1000) }

    /// A label set as an object, keys in label order.
    static func labels(_ labels: Labels) -> String {
        "{" + labels.map { string($0.name) + ":" + string($0.value) }.joined(separator: ",") + "}"
    }

    /// A string as Go's `encoding/json` writes it, HTML characters escaped.
    static func string(_ text: String) -> String { JSONString.goQuote(text) }
}
