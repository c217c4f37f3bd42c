import History
import TimeSeries

/// `/federate?match[]=…`: the latest sample of every matching series, with its timestamp, in
/// the Prometheus text format 0.0.4, as Prometheus's federation handler writes it, so another
/// Prometheus (or an agent-of-agents) scrapes an agent's history.
enum Federation {
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"
    /// How far back a series' latest sample may be: Prometheus's lookback delta.
    static let lookback = PromDuration.seconds(300)

    /// The exposition text of the latest samples at `now` of the series matching any selector.
    static func render(selectors: [String], history: any HistoryReading, now: Timestamp) throws(APIError) -> String {
        var sets: [[LabelMatcher]] = []
        for selector in selectors { sets.append(try SeriesSelector.matchers(selector)) }
        var latest: [Labels: LatestStoredSample] = [:]
        for matchers in sets {
            do {
                for sample in try history.latestSamples(matchers, at: now, lookback: lookback, keep: { !Sample.isStaleMarker($0) }) {
                    latest[sample.labels] = sample
                }
            } catch { throw .storageFailure(error.description) }
        }
        let samples = latest.values.sorted { lhs, rhs in
            lhs.labels.name != rhs.labels.name
                ? lhs.labels.name < rhs.labels.name : lhs.labels.storage.lexicographicallyPrecedes(rhs.labels.storage)
        }
        var out = ""
        var family: String?
        for sample in samples {
            let name = sample.labels.name
            // A series without a name cannot be written; Prometheus skips it too.
            guard !name.isEmpty else { continue }
            if name != family {
                out += "# TYPE \(name) untyped\n"
                family = name
            }
            var pairs = sample.labels.filter { $0.name != Labels.metricName && !$0.value.isEmpty }
                .map { "\($0.name)=\"\(Labels.escape($0.value))\"" }
            // Federation marks series that have no instance with an empty one, as Prometheus does.
            if sample.labels["instance"] == nil { pairs.append("instance=\"\"") }
            out += name + (pairs.isEmpty ? "" : "{" + pairs.joined(separator: ",") + "}")
            out += " " + goGeneral(sample.value) + " " + String(sample.timestamp) + "\n"
        }
        return out
    }

    /// A value as the text format writes it: Go's `strconv.FormatFloat(v, 'g', -1, 64)`, so
    /// `2.627896e+06` and `0.25`.
    static func goGeneral(_ value: Double) -> String {
        guard let (_, digits, point) = GoFloatFormat.shortestDigits(value), digits != "0" else {
            return value.isFinite ? "0" : GoFloatFormat.fixed(value)
        }
        let exponent = point - 1
        // Go decides on the exponent form with precision 6 whenever the shortest digits are asked for.
        return exponent < -4 || exponent >= 6 ? GoFloatFormat.exponent(value) : GoFloatFormat.fixed(value)
    }
}
