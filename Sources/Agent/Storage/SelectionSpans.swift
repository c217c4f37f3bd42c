internal import Synchronization
import TimeSeries

/// How far back each selector was read in the latest evaluations, kept from one evaluation to
/// the next so a `HistorySeriesReader` can read a selector once, as wide as its widest use.
///
/// Rules read the same selector over different windows in one evaluation (`x[1m]`, `x[5m]`,
/// and `x` over the lookback): the first read is widened to the widest window the selector had
/// in the evaluation before, so the later ones are answered from `SelectionCache`. A window
/// no longer asked for is forgotten one evaluation later, so a reload that drops a wide rule
/// costs at most one over-wide read per selector.
public final class SelectionSpans: Sendable {
    /// One selector's widest window, in milliseconds before `through`, in the evaluation at
    /// `through` and in the one before it.
    private struct Span {
        var through: Int64
        var current: Int64
        var previous: Int64
    }

    /// Selectors remembered at most; rules name a few hundred, so more means ad-hoc queries,
    /// and forgetting them all costs one unwidened read each.
    static let capacity = 4096

    private let spans = Mutex<[[LabelMatcher]: Span]>([:])

    public init() {}

    /// The start of the read to make for `matchers` over `from...through`: `from`, or earlier
    /// when the selector was read wider in this evaluation or the one before. Notes the window.
    func start(for matchers: [LabelMatcher], from: Int64, through: Int64) -> Int64 {
        let asked = Self.distance(from, through)
        let widest = spans.withLock { spans -> Int64 in
            guard var span = spans[matchers] else {
                if spans.count >= Self.capacity { spans.removeAll() }
                spans[matchers] = Span(through: through, current: asked, previous: 0)
                return asked
            }
            if span.through != through {
                // A new evaluation: what the last one read becomes the hint.
                span = Span(through: through, current: asked, previous: span.current)
            } else {
                span.current = max(span.current, asked)
            }
            spans[matchers] = span
            return max(span.current, span.previous)
        }
        let (start, overflow) = through.subtractingReportingOverflow(widest)
        return min(from, overflow ? .min : start)
    }

    /// `through - from`, 0 when negative and `Int64.max` when it does not fit (`from` far in the past).
    private static func distance(_ from: Int64, _ through: Int64) -> Int64 {
        guard from < through else { return 0 }
        let (distance, overflow) = through.subtractingReportingOverflow(from)
        return overflow ? .max : distance
    }
}
