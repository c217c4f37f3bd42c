@testable import Query
import TestSupport
import Testing
import TimeSeries

/// `deriv` and `predict_linear` through the engine's fast path (time terms shared per window,
/// four series per SIMD batch, plain sums for whole values) give the same bits as the
/// least-squares fit Prometheus does, window by window.
@Suite struct RegressionFastPathTests {
    /// Series of every kind the fast path must tell apart: sharing one scrape's times or not,
    /// whole and fractional values, values too large for exact plain sums, NaN and infinities,
    /// flat lines, staleness markers, and series that start late or end early.
    static let series: [StoredSeries] = {
        let scrape = (0..<12).map { Int64($0) * 15_000 }
        let stale = StoredSeries.staleMarker
        var out: [StoredSeries] = []
        var random = SplitMix64(seed: 7)
        for index in 0..<41 {
            let values: [Double] =
                switch index % 8 {
                case 0: scrape.map { _ in Double(random.next() % 300) }
                case 1: scrape.map { _ in Double(random.next() % 1000) / 7 }
                case 2: scrape.indices.map { 20_000 + Double($0) * 3_000 }
                case 3: scrape.map { _ in 0x1p50 + Double(random.next() % 1000) }
                case 4: scrape.map { _ in 42 }
                case 5: scrape.indices.map { $0 == 9 ? stale : Double($0 * $0) }
                case 6: scrape.indices.map { $0 == 10 ? .nan : Double($0) }
                default: scrape.indices.map { $0 == 8 ? .infinity : -Double($0) * 1e300 }
                }
            out.append(StoredSeries(labels: labels(#"g{id="\#(index)"}"#), timestamps: scrape, values: values))
        }
        // Other times: a scrape that started late, one that ended early, one with jitter.
        out.append(StoredSeries(labels: labels(#"g{id="late"}"#), timestamps: scrape.suffix(3).map { $0 }, values: [1, 2, 4]))
        out.append(StoredSeries(labels: labels(#"g{id="early"}"#), timestamps: Array(scrape.prefix(5)), values: [3, 1, 4, 1, 5]))
        out.append(
            StoredSeries(
                labels: labels(#"g{id="jitter"}"#), timestamps: scrape.indices.map { scrape[$0] + Int64($0 % 3) * 7 },
                values: scrape.indices.map { Double($0 * 3) }))
        return out
    }()

    @Test(arguments: ["deriv(g[1m])", "predict_linear(g[5m], 600)", "deriv(g[90s]) > 0", "predict_linear(g[1m], -30) < 1e6"])
    func instantFitsMatchTheReferenceFit(_ query: String) throws {
        let engine = QueryEngine(reader: InMemorySeriesReader(Self.series))
        let expr = try QueryEngine.parse(query)
        // Times at, just after and between scrapes, before any data and after all of it.
        for milliseconds: Int64 in [-1, 0, 15_000, 44_999, 45_000, 45_001, 100_000, 135_000, 150_000, 165_000, 200_000, 400_000] {
            let time = Timestamp(milliseconds: milliseconds)
            guard case .vector(let samples) = try engine.instant(expr, at: time) else {
                Issue.record("\(query) is not a vector")
                return
            }
            let got = Dictionary(uniqueKeysWithValues: samples.map { ($0.labels.description, $0.v.bitPattern) })
            #expect(got == Self.reference(query, at: milliseconds), "\(query) at \(milliseconds) ms")
        }
    }

    @Test func rangeQueriesFitEachStepAsAnInstantDoes() throws {
        let engine = QueryEngine(reader: InMemorySeriesReader(Self.series))
        for query in ["deriv(g[1m])", "predict_linear(g[5m], 600)"] {
            guard case .matrix(let rows) = try engine.range(query, start: .init(milliseconds: 0), end: .init(milliseconds: 180_000), step: .seconds(7))
            else {
                Issue.record("\(query) is not a matrix")
                continue
            }
            for row in rows {
                for point in row.points {
                    let expected = Self.reference(query, at: point.t.milliseconds)[row.labels.description]
                    #expect(point.v.bitPattern == expected, "\(query) \(row.labels) at \(point.t.milliseconds) ms")
                }
            }
        }
    }

    @Test func timeSumsAllowPlainSumsOnlyForWholeSeconds() {
        let whole: [Double] = [-45, -30, -15, 0]
        let fractional: [Double] = [-44.993, -30, -15, 0]
        let exact = whole.withUnsafeBufferPointer(LinearRegression.timeSums)
        #expect(exact.exactBound == (0x1p53 / (4 * 45)).rounded(.down))
        #expect(fractional.withUnsafeBufferPointer(LinearRegression.timeSums).exactBound == 0)
    }

    /// Each series' value through `referenceFit`, by labels, for a query of the test's shape.
    private static func reference(_ query: String, at time: Int64) -> [String: UInt64] {
        let isDeriv = query.hasPrefix("deriv")
        let range: Int64 = query.contains("[1m]") ? 60_000 : query.contains("[90s]") ? 90_000 : 300_000
        let keep: (Double) -> Bool =
            query.hasSuffix("> 0") ? { $0 > 0 } : query.hasSuffix("< 1e6") ? { $0 < 1e6 } : { _ in true }
        let seconds: Double = query.contains("600") ? 600 : -30
        var out: [String: UInt64] = [:]
        for stored in series {
            let kept = stored.timestamps.indices.filter {
                stored.timestamps[$0] > time - range && stored.timestamps[$0] <= time && !StoredSeries.isStaleMarker(stored.values[$0])
            }
            guard kept.count >= 2 else { continue }
            let times = kept.map { stored.timestamps[$0] }
            let values = kept.map { stored.values[$0] }
            let line = referenceFit(times, values, interceptTime: isDeriv ? times[0] : time)
            let value = isDeriv ? line.slope : line.slope * seconds + line.intercept
            guard keep(value) else { continue }
            out[stored.labels.withoutMetricName.description] = value.bitPattern
        }
        return out
    }

    /// The least-squares fit as the engine did it before any fast path (as Prometheus does it):
    /// four compensated sums over the samples together.
    private static func referenceFit(_ times: [Int64], _ values: [Double], interceptTime: Int64) -> (slope: Double, intercept: Double) {
        var sumX = ReferenceSum()
        var sumY = ReferenceSum()
        var sumXY = ReferenceSum()
        var sumX2 = ReferenceSum()
        let firstValue = values[0]
        var constant = true
        for index in times.indices {
            let value = values[index]
            if value != firstValue { constant = false }
            let x = Double(times[index] - interceptTime) / 1000
            sumX.add(x)
            sumY.add(value)
            sumXY.add(x * value)
            sumX2.add(x * x)
        }
        if constant { return firstValue.isInfinite ? (.nan, .nan) : (0, firstValue) }
        let count = Double(times.count)
        let (x, y, xy, x2) = (
            sumX.sum + sumX.compensation, sumY.sum + sumY.compensation, sumXY.sum + sumXY.compensation, sumX2.sum + sumX2.compensation
        )
        let covariance = xy - x * y / count
        let variance = x2 - x * x / count
        let slope = covariance / variance
        return (slope, y / count - slope * x / count)
    }

    /// Neumaier's compensated sum as Prometheus writes it, branches and all.
    struct ReferenceSum {
        var sum: Double = 0
        var compensation: Double = 0

        mutating func add(_ value: Double) {
            let total = sum + value
            if total.isInfinite {
                compensation = 0
            } else if abs(sum) >= abs(value) {
                compensation += (sum - total) + value
            } else {
                compensation += (value - total) + sum
            }
            sum = total
        }
    }
}
