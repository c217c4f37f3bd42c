import Testing
import TimeSeries
@testable import Query

/// The `data` object of Prometheus's API, byte for byte, and Go's float formats.
@Suite struct JSONTests {
    @Test func vectorResult() throws {
        let fixture = Fixture([series(#"up{job="a",pid="<0.1.0>"}"#, [(1435781451.781, 1)])])
        #expect(try fixture.instant("up", at: 1435781451.781).json
            == #"{"resultType":"vector","result":[{"metric":{"__name__":"up","job":"a","pid":"\u003c0.1.0\u003e"},"value":[1435781451.781,"1"]}]}"#)
        #expect(try fixture.instant("up", at: 1435781460).json
            == #"{"resultType":"vector","result":[{"metric":{"__name__":"up","job":"a","pid":"\u003c0.1.0\u003e"},"value":[1435781460,"1"]}]}"#)
        #expect(try fixture.instant("nothing", at: 0).json == #"{"resultType":"vector","result":[]}"#)
    }

    @Test func matrixResult() throws {
        let fixture = Fixture([series(#"up{job="a"}"#, [(10, 1), (10.5, 0.5), (11.05, 2)])])
        #expect(try fixture.instant("up[5s]", at: 12).json
            == #"{"resultType":"matrix","result":[{"metric":{"__name__":"up","job":"a"},"values":[[10,"1"],[10.500,"0.5"],[11.050,"2"]]}]}"#)
        let range = try fixture.engine.range("up * 2", start: .init(seconds: 10), end: .init(seconds: 11), step: .seconds(1))
        #expect(range.json == #"{"resultType":"matrix","result":[{"metric":{"job":"a"},"values":[[10,"2"],[11,"1"]]}]}"#)
    }

    @Test func scalarAndStringResults() throws {
        let fixture = Fixture([])
        #expect(try fixture.instant("0.1 + 0.2", at: 1435781451.78).json
            == #"{"resultType":"scalar","result":[1435781451.78,"0.30000000000000004"]}"#)
        #expect(try fixture.instant("1e21", at: 0).json == #"{"resultType":"scalar","result":[0,"1000000000000000000000"]}"#)
        #expect(try fixture.instant("1e-05", at: 0).json == #"{"resultType":"scalar","result":[0,"0.00001"]}"#)
        #expect(try fixture.instant(#""a\"<b>\n""#, at: 1.5).json == #"{"resultType":"string","result":[1.5,"a\"\u003cb\u003e\n"]}"#)
    }

    @Test func sampleValuesSwitchToExponentsOutsideOneMillionthToOneE21() throws {
        // Prometheus writes sample values with Go's 'f' format, but 'e' below 1e-6 and from 1e21.
        let fixture = Fixture([])
        let cases: [(String, String)] = [
            ("1e-05", "0.00001"), ("1e20", "100000000000000000000"), ("1e21", "1e+21"), ("1.5e-7", "1.5e-07"),
            ("0.1 + 0.2", "0.30000000000000004"), ("-0.5", "-0.5"), ("NaN", "NaN"), ("Inf", "+Inf"), ("-Inf", "-Inf"),
            ("0", "0"), ("123456789.125", "123456789.125"),
        ]
        for (query, text) in cases {
            #expect(try fixture.instant("vector(\(query))", at: 0).json
                == #"{"resultType":"vector","result":[{"metric":{},"value":[0,"\#(text)"]}]}"#)
        }
    }

    @Test func goFloatFormats() {
        #expect(GoFloatFormat.fixed(1e-05) == "0.00001")
        #expect(GoFloatFormat.fixed(1e21) == "1000000000000000000000")
        #expect(GoFloatFormat.fixed(0.1 + 0.2) == "0.30000000000000004")
        #expect(GoFloatFormat.fixed(100) == "100")
        #expect(GoFloatFormat.fixed(-0.0) == "-0")
        #expect(GoFloatFormat.fixed(.leastNonzeroMagnitude) == "0." + String(repeating: "0", count: 323) + "5")
        #expect(GoFloatFormat.fixed(1.7976931348623157e308).hasPrefix("179769313486231570000"))
        #expect(GoFloatFormat.fixed(.nan) == "NaN")
        #expect(GoFloatFormat.exponent(1e21) == "1e+21")
        #expect(GoFloatFormat.exponent(1.5e-7) == "1.5e-07")
        #expect(GoFloatFormat.exponent(1.7976931348623157e308) == "1.7976931348623157e+308")
        #expect(GoFloatFormat.exponent(123.456) == "1.23456e+02")
    }

    @Test func negativeAndFractionalTimestamps() {
        #expect(PrometheusJSON.sampleTime(Timestamp(milliseconds: -1500)) == "-1.500")
        #expect(PrometheusJSON.sampleTime(Timestamp(milliseconds: 7)) == "0.007")
        #expect(PrometheusJSON.plainTime(Timestamp(milliseconds: 1435781451780)) == "1435781451.78")
    }
}
