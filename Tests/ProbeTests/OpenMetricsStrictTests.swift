import Testing
import Probe
import TimeSeries

/// Each rule strict OpenMetrics enforces, and that non-strict OpenMetrics lets the same input through.
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

    /// Strict text, whether strict OpenMetrics rejects it as expected, and that non-strict OpenMetrics accepts it.
    private func expectStrictOnly(_ text: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(T.error(text, .openMetrics, strict: true) == message, sourceLocation: sourceLocation)
        #expect(T.error(text, .openMetrics) == nil, sourceLocation: sourceLocation)
    }

    @Test func requiresEndOfFile() {
        #expect(T.error("a 1\n", .openMetrics, strict: true) == "2:1: expected \"# EOF\" at the end of an OpenMetrics exposition")
        #expect(T.error("", .openMetrics, strict: true) == "1:1: expected \"# EOF\" at the end of an OpenMetrics exposition")
    }

    @Test func rejectsTextAfterEndOfFile() {
        expectStrictOnly("# EOF\nx 1\n", "2:1: unexpected text after \"# EOF\"")
        expectStrictOnly("# EOF\n\n", "2:1: unexpected text after \"# EOF\"")
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
    }

    @Test func rejectsMetadataAfterSamples() {
        expectStrictOnly("# TYPE a gauge\na 1\n# TYPE a gauge\n# EOF\n", "3:8: TYPE line for metric family \"a\" must come before its samples")
        expectStrictOnly("a 1\n# HELP a text\n# EOF\n", "2:8: HELP line for metric family \"a\" must come before its samples")
        expectStrictOnly("a_seconds 1\n# UNIT a_seconds seconds\n# EOF\n", "2:8: UNIT line for metric family \"a_seconds\" must come before its samples")
    }

    @Test func rejectsRepeatedMetadata() {
        expectStrictOnly("# TYPE a gauge\n# TYPE a gauge\n# EOF\n", "2:8: second TYPE line for metric family \"a\"")
        expectStrictOnly("# HELP a x\n# HELP a y\n# EOF\n", "2:8: second HELP line for metric family \"a\"")
    }

    @Test func rejectsInterleavedFamilies() {
        expectStrictOnly("a 1\nb 1\na{x=\"1\"} 2\n# EOF\n", "3:1: metric family \"a\" appears again after other families; its lines must be contiguous")
        expectStrictOnly("# TYPE a gauge\n# TYPE b gauge\na 1\n# EOF\n", "3:1: metric family \"a\" appears again after other families; its lines must be contiguous")
    }

    @Test func rejectsSampleNamesTheTypeDoesNotAllow() {
        expectStrictOnly("# TYPE c counter\nc 1\n# EOF\n", "2:1: sample \"c\" does not fit counter \"c\"; expected \"c_total\" or \"c_created\"")
        expectStrictOnly("# TYPE i info\ni 1\n# EOF\n", "2:1: sample \"i\" does not fit info \"i\"; expected \"i_info\"")
        expectStrictOnly(
            "# TYPE h histogram\nh 1\n# EOF\n",
            "2:1: sample \"h\" does not fit histogram \"h\"; expected \"h_bucket\" or \"h_count\" or \"h_sum\" or \"h_created\""
        )
    }

    @Test func rejectsNegativeCounts() {
        expectStrictOnly("# TYPE c counter\nc_total -1\n# EOF\n", "2:9: counter sample \"c_total\" must not be negative")
        expectStrictOnly("# TYPE h histogram\nh_count -2\n# EOF\n", "2:9: histogram sample \"h_count\" must not be negative")
    }

    @Test func rejectsHistogramBucketsWithoutInfinity() {
        expectStrictOnly("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_count 1\n# EOF\n", "3:1: buckets of h_bucket must end with le=\"+Inf\"")
        expectStrictOnly("# TYPE h histogram\nh_bucket{le=\"1\"} 1\n# EOF\n", "3:1: buckets of h_bucket must end with le=\"+Inf\"")
        expectStrictOnly(
            "# TYPE h histogram\nh_bucket{a=\"1\",le=\"1\"} 1\nh_bucket{a=\"2\",le=\"+Inf\"} 1\n# EOF\n",
            "3:1: buckets of h_bucket{a=\"1\"} must end with le=\"+Inf\""
        )
        expectStrictOnly("# TYPE h histogram\nh_bucket{le=\"1\"} 1\n# TYPE g gauge\n# EOF\n", "3:8: buckets of h_bucket must end with le=\"+Inf\"")
    }

    @Test func rejectsUnsortedOrNonCumulativeBuckets() {
        expectStrictOnly(
            "# TYPE h histogram\nh_bucket{le=\"2\"} 1\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 1\n# EOF\n",
            "3:1: buckets of h_bucket must be sorted by increasing \"le\"; \"1\" comes after \"2\""
        )
        expectStrictOnly(
            "# TYPE h histogram\nh_bucket{le=\"1\"} 5\nh_bucket{le=\"2\"} 3\nh_bucket{le=\"+Inf\"} 5\n# EOF\n",
            "3:1: buckets of h_bucket must be cumulative; 3 comes after 5"
        )
    }

    @Test func rejectsBucketsWithoutValidLe() {
        expectStrictOnly("# TYPE h histogram\nh_bucket 1\n# EOF\n", "2:1: histogram bucket \"h_bucket\" has no \"le\" label")
        expectStrictOnly("# TYPE h histogram\nh_bucket{le=\"abc\"} 1\n# EOF\n", "2:1: invalid \"le\" value \"abc\"; expected a number or \"+Inf\"")
    }

    @Test func rejectsTimestampsThatAreNotNumbers() {
        for mode in [true, false] {
            #expect(T.error("a 1 abc\n# EOF\n", .openMetrics, strict: mode) == "1:5: invalid sample timestamp \"abc\"; expected seconds as a finite number")
            #expect(T.error("a 1 +Inf\n# EOF\n", .openMetrics, strict: mode) == "1:5: invalid sample timestamp \"+Inf\"; expected seconds as a finite number")
        }
    }

    @Test func rejectsUnitMismatch() {
        expectStrictOnly("# TYPE m gauge\n# UNIT m seconds\n# EOF\n", "2:10: metric family \"m\" must end in \"_seconds\" to match its unit")
    }

    @Test func rejectsMisplacedOrLongExemplars() {
        expectStrictOnly(
            "# TYPE g gauge\ng 1 # {a=\"b\"} 1\n# EOF\n",
            "2:5: exemplars are only allowed on counter \"_total\" and histogram \"_bucket\" samples"
        )
        expectStrictOnly(
            "# TYPE h histogram\nh_count 1 # {a=\"b\"} 1\n# EOF\n",
            "2:11: exemplars are only allowed on counter \"_total\" and histogram \"_bucket\" samples"
        )
        let long = String(repeating: "x", count: 128)
        expectStrictOnly(
            "# TYPE c counter\nc_total 1 # {id=\"\(long)\"} 1\n# EOF\n",
            "2:11: exemplar labels have 130 characters; OpenMetrics allows at most 128"
        )
    }

    @Test func rejectsLooseSpacing() {
        expectStrictOnly("a  1\n# EOF\n", "1:3: invalid sample value \"\"; expected a number, NaN or ±Inf")
        expectStrictOnly("a{x=\"1\", y=\"2\"} 1\n# EOF\n", "1:9: expected label name")
        expectStrictOnly("a{x=\"1\",} 1\n# EOF\n", "1:9: expected label name")
        expectStrictOnly("a{x = \"1\"} 1\n# EOF\n", "1:4: expected \"=\" after label name \"x\"")
        expectStrictOnly("a 1 \n# EOF\n", "1:4: expected end of line after sample, found \" \"")
        expectStrictOnly(" a 1\n# EOF\n", "1:1: expected metric name, found \" \"")
    }

    @Test func rejectsUnknownEscapes() {
        expectStrictOnly("a{x=\"\\d\"} 1\n# EOF\n", "1:6: invalid escape sequence \"\\\\d\" in label value for \"x\"")
        expectStrictOnly("# HELP a x\\ty\n# EOF\n", "1:11: invalid escape sequence \"\\\\t\" in HELP text for \"a\"")
    }

    @Test func knowsOpenMetricsTypes() {
        #expect(T.error("# TYPE a untyped\n# EOF\n", .openMetrics)
            == "1:10: unknown metric type \"untyped\"; expected one of counter, gauge, histogram, gaugehistogram, stateset, info, summary, unknown")
    }
}
