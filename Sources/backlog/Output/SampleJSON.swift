import TimeSeries

/// Samples as a JSON array of `{"metric": {…}, "value": "…", "timestamp": ms|null}`.
enum SampleJSON {
    static func render(_ samples: [Sample]) -> String {
        var out = "["
        for (index, sample) in samples.enumerated() {
            if index > 0 { out += "," }
            out += "\n  {\"metric\":\(JSONString.object(sample.labels)),"
            out += "\"value\":\(JSONString.quote(SampleValueFormat.text(sample.value))),"
            out += "\"timestamp\":\(sample.timestamp.map { String($0.milliseconds) } ?? "null")}"
        }
        return out + (samples.isEmpty ? "]\n" : "\n]\n")
    }
}
