@testable import Alerting
import Query
import Testing
import TimeSeries

/// promtool's expanding notation and series descriptors.
@Suite struct SeriesNotationTests {
    @Test func expandsAsPromtoolDoes() throws {
        #expect(try SeriesNotation.expand("0+10x3") == [0, 10, 20, 30])
        #expect(try SeriesNotation.expand("1-1x5") == [1, 0, -1, -2, -3, -4])
        #expect(try SeriesNotation.expand("-2+4x3") == [-2, 2, 6, 10])
        #expect(try SeriesNotation.expand("1x3 2+1x2") == [1, 1, 1, 1, 2, 3, 4])
        #expect(try SeriesNotation.expand("1 _ 3") == [1, nil, 3])
        #expect(try SeriesNotation.expand("_x3 5") == [nil, nil, nil, 5])
        #expect(try SeriesNotation.expand("1e3 +Inf") == [1000, .infinity])
        let stale = try SeriesNotation.expand("1 stale")
        #expect(stale.count == 2 && StoredSeries.isStaleMarker(stale[1]!))
        #expect(throws: SeriesNotationError.self) { try SeriesNotation.expand("1+x3") }
        #expect(throws: SeriesNotationError.self) { try SeriesNotation.expand("abc") }
    }

    @Test func readsSeriesDescriptors() throws {
        #expect(try SeriesDescriptor.parse("up") == labels("__name__", "up"))
        #expect(
            try SeriesDescriptor.parse(#"q{pid="<0.1.0>", name='router', x=`a\b`}"#)
                == labels("__name__", "q", "pid", "<0.1.0>", "name", "router", "x", #"a\b"#))
        #expect(try SeriesDescriptor.parse(#"{__name__="q", a="\"quoted\""}"#) == labels("__name__", "q", "a", "\"quoted\""))
        #expect(try SeriesDescriptor.parse("ns:metric:rate5m{}") == labels("__name__", "ns:metric:rate5m"))
        #expect(throws: SeriesDescriptorError.self) { try SeriesDescriptor.parse("q{a=b}") }
        #expect(throws: SeriesDescriptorError.self) { try SeriesDescriptor.parse("") }
    }
}
