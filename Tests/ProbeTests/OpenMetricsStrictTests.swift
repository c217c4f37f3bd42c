import Testing
import Probe
import TimeSeries

/// Strict OpenMetrics reads the 1.0 ABNF exactly; non-strict OpenMetrics lets the same text through.
@Suite struct OpenMetricsStrictTests {
    typealias T = ExpositionTesting

    static let valid = """
        # TYPE acme_http_request_seconds summary
        # UNIT acme_http_request_seconds seconds
        # HELP acme_http_request_seconds Latency of \\"all\\" requests.\\nSecond line.
        acme_http_request_seconds{quantile="0.5",path="/api"} 0.031
        acme_http_request_seconds_sum{path="/api"} 9036.32
        acme_http_request_seconds_count{path="/api"} 807283.0
        acme_http_request_seconds_created{path="/api"} 1605281325.0
        # TYPE go_goroutines gauge
        go_goroutines 69 1700000000.5
        # TYPE process_cpu_seconds counter
        # UNIT process_cpu_seconds seconds
        process_cpu_seconds_total 4.20072246e+06 # {trace_id="KOO5S4vxi0o"} 1 1700000000
        process_cpu_seconds_created 1605281325
        # TYPE rpc_seconds histogram
        rpc_seconds_bucket{le="0.1"} 1 # {trace_id="a"} 0.067
        rpc_seconds_bucket{le="1"} 3
        rpc_seconds_bucket{le="+Inf"} 3
        rpc_seconds_sum 1.2
        rpc_seconds_count 3
        # TYPE queue gaugehistogram
        queue_bucket{le="10"} 2
        queue_bucket{le="+Inf"} 5
        queue_gcount 5
        queue_gsum 40
        # TYPE build info
        build_info{version="1.0"} 1
        # TYPE state stateset
        state{state="a"} 1
        state{state="b"} 0
        unknown_thing{} NaN
        # EOF

        """

    @Test func acceptsAValidExposition() throws {
        let entries = try T.entries(Self.valid, .openMetrics, strict: true)
        #expect(entries.last == .endOfFile)
        #expect(entries.contains(.help(metric: "acme_http_request_seconds", text: "Latency of \"all\" requests.\nSecond line.")))
        #expect(entries.filter { if case .sample = $0 { true } else { false } }.count == 20)
    }

    @Test func acceptsEveryNumberFormTheGrammarAllows() throws {
        let text = "a 1.\nb .5\nc 1e5\nd 1E-5\ne +Inf\nf -inf\ng Infinity\nh nan\ni 0042\nj -0.0 1.\nk 1 .5\nl 1 -3\n# EOF"
        let values = try T.samples(text, .openMetrics, strict: true).map(\.value)
        #expect(values.count == 12)
        #expect(values[0] == 1 && values[1] == 0.5 && values[2] == 1e5 && values[3] == 1e-5 && values[8] == 42)
        #expect(values[4] == .infinity && values[5] == -.infinity && values[6] == .infinity && values[7].isNaN)
    }

    /// Strict text, whether strict OpenMetrics rejects it as expected, and that non-strict OpenMetrics accepts it.
    private func expectStrictOnly(_ text: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(T.error(text, .openMetrics, strict: true) == message, sourceLocation: sourceLocation)
        #expect(T.error(text, .openMetrics) == nil, sourceLocation: sourceLocation)
    }

    /// Text neither reading accepts, with the error strict reading gives.
    private func expectRejected(_ text: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(T.error(text, .openMetrics, strict: true) == message, sourceLocation: sourceLocation)
        #expect(T.error(text, .openMetrics) != nil, sourceLocation: sourceLocation)
    }

    @Test func requiresEndOfFile() {
        #expect(T.error("a 1\n", .openMetrics, strict: true) == "2:1: expected \"# EOF\" at the end of an OpenMetrics exposition")
        #expect(T.error("", .openMetrics, strict: true) == "1:1: expected \"# EOF\" at the end of an OpenMetrics exposition")
        expectRejected("a 1\n# EOFblah\n", "2:3: expected HELP, TYPE, UNIT or EOF after \"# \"; OpenMetrics has no comments")
    }

    @Test func rejectsTextAfterEndOfFile() {
        expectStrictOnly("# EOF\nx 1\n", "2:1: unexpected text after \"# EOF\"")
        expectStrictOnly("# EOF\n\n", "2:1: unexpected text after \"# EOF\"")
        expectStrictOnly("a 1\n# EOF\nblah", "3:1: unexpected text after \"# EOF\"")
        expectStrictOnly("# EOF \n", "1:6: expected end of line after \"# EOF\", found \" \"")
    }

    @Test func rejectsAByteOrderMark() {
        expectRejected("\u{FEFF}a 1\n# EOF\n", "1:1: byte order mark is not allowed in OpenMetrics; start with the first line")
    }

    @Test func rejectsBlankLines() {
        expectStrictOnly("a 1\n\nb 1\n# EOF\n", "2:1: blank lines are not allowed in strict OpenMetrics")
    }

    @Test func rejectsCarriageReturns() {
        expectStrictOnly("a 1\r\n# EOF\n", "1:4: carriage return is not allowed in strict OpenMetrics; lines end with \"\\n\"")
    }

    @Test func rejectsComments() {
        expectStrictOnly("# hello\n# EOF\n", "1:3: expected HELP, TYPE, UNIT or EOF after \"# \"; OpenMetrics has no comments")
        expectStrictOnly("#  TYPE a gauge\n# EOF\n", "1:3: expected HELP, TYPE, UNIT or EOF after \"# \"; OpenMetrics has no comments")
        expectStrictOnly("#TYPE a gauge\n# EOF\n", "1:2: expected \" \" after \"#\"")
        expectStrictOnly("# FOO a x\n# EOF\n", "1:3: expected HELP, TYPE, UNIT or EOF after \"# \"; OpenMetrics has no comments")
    }

    @Test func rejectsMalformedHelp() {
        expectRejected("# HELP\n# EOF\n", "1:7: expected metric name after \"# HELP\"")
        expectStrictOnly("# HELP a\n# EOF\n", "1:9: expected \" \" after \"a\"; HELP needs one even before empty text")
        expectStrictOnly("# HELP a\tx\n# EOF\n", "1:9: expected \" \" after \"a\"; HELP needs one even before empty text")
        expectStrictOnly("# HELP a x\\ty\n# EOF\n", "1:11: invalid escape sequence \"\\\\t\" in HELP text for \"a\"")
        expectStrictOnly("# HELP a x\\\n# EOF\n", "1:11: invalid escape sequence \"\\\\\" in HELP text for \"a\"")
        expectStrictOnly(" # HELP a meh\n# EOF\n", "1:1: expected metric name, found \" \"")
    }

    @Test func rejectsMalformedType() {
        expectRejected("# TYPE a\n# EOF\n", "1:9: expected metric type after \"a\"")
        expectRejected("# TYPE a meh\n# EOF\n", "1:10: unknown metric type \"meh\"; expected one of counter, gauge, histogram, gaugehistogram, stateset, info, summary, unknown")
        expectStrictOnly("# TYPE a gauge \n# EOF\n", "1:15: expected end of line after metric type, found \" \"")
        expectRejected("# TYPE a untyped\n# EOF\n", "1:10: unknown metric type \"untyped\"; expected one of counter, gauge, histogram, gaugehistogram, stateset, info, summary, unknown")
        expectRejected("# TYPE a Gauge\n# EOF\n", "1:10: unknown metric type \"Gauge\"; expected one of counter, gauge, histogram, gaugehistogram, stateset, info, summary, unknown")
    }

    @Test func rejectsMalformedUnit() {
        expectStrictOnly("# UNIT a\n# EOF\n", "1:9: expected \" \" after \"a\"; UNIT needs one even before an empty unit")
        expectStrictOnly("# UNIT a_seconds seconds \n# EOF\n", "1:25: expected end of line after unit, found \" \"")
        expectRejected("# UNIT a_s s-x\n# EOF\n", "1:13: expected end of line after unit, found \"-x\"")
    }

    @Test func rejectsBadMetricNames() {
        expectRejected("0a 1\n# EOF\n", "1:1: expected metric name, found \"0\"")
        expectRejected("a.b 1\n# EOF\n", "1:2: expected \" \" before sample value, found \".\"")
        expectRejected("a-b 1\n# EOF\n", "1:2: expected \" \" before sample value, found \"-\"")
    }

    @Test func rejectsBadLabels() {
        expectRejected("a{a=1} 1\n# EOF\n", "1:5: expected a quoted value after \"a=\"")
        expectRejected("a{a=\"1} 1\n# EOF\n", "1:5: unterminated label value for \"a\"; expected a closing quote")
        expectRejected("a{a} 1\n# EOF\n", "1:4: expected \"=\" after label name \"a\"")
        expectRejected("a{a=\"1\"b=\"2\"} 1\n# EOF\n", "1:8: expected \",\" or \"}\" after label value for \"a\"")
        expectRejected("a{a=\"1\",,b=\"2\"} 1\n# EOF\n", "1:9: expected label name")
        expectRejected("a{1=\"1\"} 1\n# EOF\n", "1:3: expected label name or \"}\"")
        expectRejected("a{a=\"1\",a=\"1\"} 1\n# EOF\n", "1:9: duplicate label name \"a\"")
        expectStrictOnly("a{x=\"\\d\"} 1\n# EOF\n", "1:6: invalid escape sequence \"\\\\d\" in label value for \"x\"")
        // NUL is a valid character in a label value.
        #expect(T.error("a{x=\"\u{0}\"} 1\n# EOF\n", .openMetrics, strict: true) == nil)
    }

    @Test func rejectsLooseSpacing() {
        expectStrictOnly("a  1\n# EOF\n", "1:3: invalid sample value \"\"; expected a number, NaN or ±Inf")
        expectStrictOnly("a{x=\"1\", y=\"2\"} 1\n# EOF\n", "1:9: expected label name")
        expectStrictOnly("a{x=\"1\",} 1\n# EOF\n", "1:9: expected label name")
        expectStrictOnly("a{x = \"1\"} 1\n# EOF\n", "1:4: expected \"=\" after label name \"x\"")
        expectStrictOnly("a 1 \n# EOF\n", "1:4: expected end of line after sample, found \" \"")
        expectStrictOnly("a 1\t\n# EOF\n", "1:4: expected end of line after sample, found \"\t\"")
        expectStrictOnly(" a 1\n# EOF\n", "1:1: expected metric name, found \" \"")
    }

    @Test func rejectsNumbersOutsideTheGrammar() {
        for value in ["1_2", "0x1p-3", "0X1", "0b1", "0o1", "1.1.1", "+nan", "e5", "1e", "--1"] {
            let message = "1:3: invalid sample value \"\(value)\"; expected a number, NaN or ±Inf"
            expectRejected("a \(value)\n# EOF\n", message)
        }
        expectStrictOnly("a 1e999\n# EOF\n", "1:3: sample value \"1e999\" is beyond the range of a 64-bit float")
    }

    @Test func rejectsBadTimestamps() {
        for timestamp in ["z", "1z", "1.1.1", "NaN", "Inf", "+Inf", "-Inf", "0x1p-3", "1e999"] {
            let message = "1:5: invalid sample timestamp \"\(timestamp)\"; expected seconds as a finite number"
            expectRejected("a 1 \(timestamp)\n# EOF\n", message)
        }
    }

    @Test func rejectsMalformedExemplars() {
        let head = "# TYPE a histogram\na_bucket{le=\"+Inf\"} 1"
        expectRejected("\(head) #\n# EOF\n", "2:24: expected \"{\" to start the exemplar's labels")
        expectRejected("\(head)# {} 1\n# EOF\n", "2:21: invalid sample value \"1#\"; expected a number, NaN or ±Inf")
        expectRejected("\(head) #{} 1\n# EOF\n", "2:24: expected \"{\" to start the exemplar's labels")
        expectRejected("\(head) # {}1\n# EOF\n", "2:27: expected exemplar value after its labels")
        expectStrictOnly("\(head) # {} 1 \n# EOF\n", "2:29: expected end of line after sample, found \" \"")
        expectRejected("\(head) # {} 0x1p-3\n# EOF\n", "2:28: invalid exemplar value \"0x1p-3\"; expected a number")
        expectRejected("\(head) # {} 1 NaN\n# EOF\n", "2:30: invalid exemplar timestamp \"NaN\"; expected seconds as a finite number")
        expectRejected("\(head) # {a=\"1\",a=\"2\"} 1\n# EOF\n", "2:32: duplicate label name \"a\"")
        expectRejected("# TYPE a counter\na_total 1 1 # id=\"a\"} 1\n# EOF\n", "2:15: expected \"{\" to start the exemplar's labels")
    }
}
