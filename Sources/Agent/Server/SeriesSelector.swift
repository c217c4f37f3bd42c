import Query
import Synchronization
import TimeSeries

/// A `match[]` parameter read as a series selector (`up`, `{job="chat"}`,
/// `erlang_process_message_queue_len{name=~"router.*"}`), with the query engine's own lexer and
/// parser: the selector is parsed as PromQL and its matchers are those the engine asks a reader for.
enum SeriesSelector {
    /// The matchers of a selector, or Prometheus's error for text that is not one.
    static func matchers(_ text: String) throws(APIError) -> [LabelMatcher] {
        let expr: Expr
        do { expr = try QueryEngine.parse(text) } catch { throw .badData(PrometheusAPI.queryErrorText(error)) }
        guard expr.valueType == .vector, isPlainSelector(text) else {
            throw .badData("1:1: parse error: expected a series selector such as up{job=\"chat\"}, found \"\(text)\"")
        }
        let recorder = MatcherRecorder()
        _ = try? QueryEngine(reader: recorder).instant(expr, at: Timestamp(milliseconds: 0))
        let asked = recorder.asked.withLock { $0 }
        guard let matchers = asked.first, asked.allSatisfy({ $0 == matchers }) else {
            throw .badData("1:1: parse error: expected a series selector, found \"\(text)\"")
        }
        guard matchers.contains(where: { !$0.matchesEmpty }) else {
            throw .badData("1:1: parse error: vector selector must contain at least one non-empty matcher")
        }
        return matchers
    }

    /// Only a name and braces: no operator, call, range or modifier outside quoted values.
    static func isPlainSelector(_ text: String) -> Bool {
        var quote: Character?
        var escaped = false
        var depth = 0
        for character in text {
            if let open = quote {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == open { quote = nil }
                continue
            }
            switch character {
            case "\"", "'", "`": quote = character
            case "{": depth += 1
            case "}": depth -= 1
            case "(", ")", "[", "]", "@", "+", "*", "/", "%", "^": return false
            case "-", ">", "<": if depth == 0 { return false }
            case " ", "\t", "\n": continue
            default: if depth == 0, !(character.isLetter || character.isNumber || character == "_" || character == ":") { return false }
            }
        }
        // A name followed by words (`up offset 5m`, `up and x`) is more than a selector.
        let outside = text.split(separator: "{").first.map(String.init) ?? ""
        return depth == 0 && (text.hasPrefix("{") || outside.trimmingCharacters(in: .whitespaces).split(separator: " ").count <= 1)
    }

    /// A reader that holds nothing and notes what it was asked for.
    private final class MatcherRecorder: SeriesReader {
        let asked = Mutex<[[LabelMatcher]]>([])

        func series(matching matchers: [LabelMatcher], from: Timestamp, through: Timestamp) -> [StoredSeries] {
            asked.withLock { $0.append(matchers) }
            return []
        }

        func latestSamples(
            matching matchers: [LabelMatcher], at time: Timestamp, lookback: PromDuration, keep: (Double) -> Bool
        ) -> [LatestSample] {
            asked.withLock { $0.append(matchers) }
            return []
        }
    }
}
