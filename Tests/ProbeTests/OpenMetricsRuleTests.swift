import Testing
import Probe
import TimeSeries

/// The OpenMetrics 1.0 rules about meaning that strict reading enforces, one case each, and that
/// non-strict OpenMetrics (what the agent scrapes with) lets every one of them through.
@Suite struct OpenMetricsRuleTests {
    typealias T = ExpositionTesting

    private func expectStrictOnly(_ text: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(T.error(text + "# EOF\n", .openMetrics, strict: true) == message, sourceLocation: sourceLocation)
        #expect(T.error(text + "# EOF\n", .openMetrics) == nil, sourceLocation: sourceLocation)
    }

    private func expectValid(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(T.error(text + "# EOF\n", .openMetrics, strict: true) == nil, sourceLocation: sourceLocation)
    }

    @Test func acceptsTheSpecificationsExamples() {
        expectValid("# TYPE foo_seconds summary\n# UNIT foo_seconds seconds\nfoo_seconds_count{a=\"bb\"} 0 123\nfoo_seconds_sum{a=\"bb\"} 0 123\nfoo_seconds_count{a=\"bb\"} 0 456\nfoo_seconds_sum{a=\"bb\"} 0 456\nfoo_seconds_count{a=\"ccc\"} 0 123\nfoo_seconds_sum{a=\"ccc\"} 0 123\n")
        expectValid("# TYPE foo stateset\nfoo{entity=\"controller\",foo=\"a\"} 1.0\nfoo{entity=\"controller\",foo=\"bb\"} 0.0\nfoo{entity=\"replica\",foo=\"a\"} 1.0\nfoo{entity=\"replica\",foo=\"bb\"} 0.0\n")
        expectValid("# TYPE foo histogram\nfoo_bucket{le=\"0.0\"} 0\nfoo_bucket{le=\"1e-05\"} 0\nfoo_bucket{le=\"0.1\"} 8 # {} 0.054\nfoo_bucket{le=\"1.0\"} 10 # {trace_id=\"oHg5SJYRHA0\"} 0.67 1520879607.789\nfoo_bucket{le=\"+Inf\"} 17\nfoo_count 17\nfoo_sum 324789.3\nfoo_created 1520430000.123\n")
        expectValid("# TYPE foo gaugehistogram\nfoo_bucket{le=\"-1\"} 2\nfoo_bucket{le=\"+Inf\"} 3\nfoo_gcount 3\nfoo_gsum -5\n")
        expectValid("# TYPE foo counter\nfoo_total 17.0 1520879607.789\nfoo_created 1520430000.123 1520879607.789\n")
        expectValid("# TYPE foo info\nfoo_info{entity=\"replica\",name=\"prettier name\",version=\"8.1.9\"} 1.0\n# TYPE foo_seconds counter\n# HELP foo_seconds \n")
    }

    // MARK: Metadata and families

    @Test func rejectsMetadataAfterSamples() {
        expectStrictOnly("# TYPE a gauge\na 1\n# TYPE a gauge\n", "3:8: TYPE line for metric family \"a\" must come before its samples")
        expectStrictOnly("a 1\n# HELP a text\n", "2:8: HELP line for metric family \"a\" must come before its samples")
        expectStrictOnly("a_seconds 1\n# UNIT a_seconds seconds\n", "2:8: UNIT line for metric family \"a_seconds\" must come before its samples")
    }

    @Test func rejectsRepeatedMetadata() {
        expectStrictOnly("# TYPE a gauge\n# TYPE a gauge\n", "2:8: second TYPE line for metric family \"a\"")
        expectStrictOnly("# HELP a x\n# HELP a y\n", "2:8: second HELP line for metric family \"a\"")
        expectStrictOnly("# HELP a \n# HELP a \n", "2:8: second HELP line for metric family \"a\"")
        expectStrictOnly("# UNIT a_s s\n# UNIT a_s s\n", "2:8: second UNIT line for metric family \"a_s\"")
        expectStrictOnly("# TYPE a info\n# TYPE a counter\n", "2:8: second TYPE line for metric family \"a\"")
    }

    @Test func rejectsUnitsThatDoNotEndTheName() {
        expectStrictOnly("# TYPE m gauge\n# UNIT m seconds\n", "2:10: metric family \"m\" must end in \"_seconds\" to match its unit")
        expectStrictOnly("# TYPE x_u info\n# UNIT x_u u\n", "2:12: info \"x_u\" must have no unit, not \"u\"")
        expectStrictOnly("# UNIT x_u u\n# TYPE x_u stateset\n", "2:12: stateset \"x_u\" must have no unit, not \"u\"")
    }

    @Test func rejectsInterleavedFamilies() {
        expectStrictOnly("a 1\nb 1\na{x=\"1\"} 2\n", "3:1: metric family \"a\" appears again after other families; its lines must be contiguous")
        expectStrictOnly("# TYPE a gauge\n# TYPE b gauge\na 1\n", "3:1: metric family \"a\" appears again after other families; its lines must be contiguous")
        expectStrictOnly("# TYPE a summary\na_sum 0\nb 0\na_count 0\n", "4:1: metric family \"a\" appears again after other families; its lines must be contiguous")
    }

    @Test func rejectsClashingFamilyNames() {
        expectStrictOnly("# TYPE a_created gauge\n# TYPE a counter\n", "2:8: metric family \"a\" (counter) clashes with \"a_created\" (gauge): both may have samples named \"a_created\"")
        expectStrictOnly("# TYPE foo counter\n# TYPE foo_total gauge\n", "2:8: metric family \"foo_total\" (gauge) clashes with \"foo\" (counter): both may have samples named \"foo_total\"")
        expectStrictOnly("# TYPE foo histogram\nfoo_bucket{le=\"+Inf\"} 0\n# TYPE foo_bucket gauge\n", "3:8: metric family \"foo_bucket\" (gauge) clashes with \"foo\" (histogram): both may have samples named \"foo_bucket\"")
        expectStrictOnly("# TYPE a_count gauge\n# TYPE a summary\n", "2:8: metric family \"a\" (summary) clashes with \"a_count\" (gauge): both may have samples named \"a_count\"")
    }

    @Test func rejectsReservedNames() {
        expectStrictOnly("_a 1\n", "1:1: metric family name \"_a\" starts with \"_\", which OpenMetrics reserves")
        expectStrictOnly("a{b=\"1\",_c=\"2\"} 1\n", "1:9: label name \"_c\" starts with \"_\", which OpenMetrics reserves")
    }

    // MARK: Sample names and labels per type

    @Test func rejectsSampleNamesTheTypeDoesNotAllow() {
        expectStrictOnly("# TYPE c counter\nc 1\n", "2:1: sample \"c\" does not fit counter \"c\"; expected \"c_total\" or \"c_created\"")
        expectStrictOnly("# TYPE i info\ni 1\n", "2:1: sample \"i\" does not fit info \"i\"; expected \"i_info\"")
        expectStrictOnly("# TYPE h histogram\nh 1\n", "2:1: sample \"h\" does not fit histogram \"h\"; expected \"h_bucket\" or \"h_count\" or \"h_sum\" or \"h_created\"")
        expectStrictOnly("# TYPE g gaugehistogram\ng 1\n", "2:1: sample \"g\" does not fit gaugehistogram \"g\"; expected \"g_bucket\" or \"g_gcount\" or \"g_gsum\"")
        // A name no suffix of the type explains starts a family of its own, which has rules of its own.
        expectStrictOnly("# TYPE g gaugehistogram\ng_sum 1 # {a=\"b\"} 0.5\n", "2:9: exemplars are only allowed on counter \"_total\" and histogram \"_bucket\" samples")
    }

    @Test func rejectsLabelsTheTypeForbids() {
        expectStrictOnly("# TYPE g gauge\ng{a=\"1\",le=\"1\"} 1\n", "2:9: label \"le\" belongs only on histogram buckets, not on \"g\"")
        expectStrictOnly("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count{le=\"1\"} 1\n", "3:9: label \"le\" belongs only on histogram buckets, not on \"h_count\"")
        expectStrictOnly("# TYPE c counter\nc_total{quantile=\"0.5\"} 1\n", "2:9: label \"quantile\" belongs only on summary quantiles, not on \"c_total\"")
        expectStrictOnly("# TYPE s summary\ns_sum{quantile=\"0.5\"} 1\n", "2:7: label \"quantile\" belongs only on summary quantiles, not on \"s_sum\"")
    }

    @Test func rejectsMissingLabelsTheTypeNeeds() {
        expectStrictOnly("# TYPE h histogram\nh_bucket 1\n", "2:1: histogram bucket \"h_bucket\" has no \"le\" label")
        expectStrictOnly("# TYPE g gaugehistogram\ng_bucket 0\n", "2:1: histogram bucket \"g_bucket\" has no \"le\" label")
        expectStrictOnly("# TYPE s summary\ns 0\n", "2:1: summary sample \"s\" has no \"quantile\" label")
        expectStrictOnly("# TYPE s stateset\ns{t=\"a\"} 0\n", "2:1: stateset sample \"s\" has no \"s\" label naming its state")
    }

    @Test func rejectsBadQuantiles() {
        for quantile in ["-1", "foo", "1.01", "NaN", "+Inf"] {
            expectStrictOnly("# TYPE s summary\ns{quantile=\"\(quantile)\"} 0\n", "2:3: invalid \"quantile\" value \"\(quantile)\"; expected a number from 0 to 1")
        }
    }

    @Test func rejectsBadBucketBounds() {
        expectStrictOnly("# TYPE h histogram\nh_bucket{le=\"abc\"} 1\n", "2:10: invalid \"le\" value \"abc\"; expected a number or \"+Inf\"")
        expectStrictOnly("# TYPE h histogram\nh_bucket{le=\"NaN\"} 1\n", "2:10: invalid \"le\" value \"NaN\"; expected a number or \"+Inf\"")
        expectStrictOnly("# TYPE h histogram\nh_bucket{le=\"+INF\"} 0\n", "2:10: \"le\" value \"+INF\" must be written \"+Inf\"")
    }

    // MARK: Values per type

    @Test func rejectsBadCounterValues() {
        expectStrictOnly("# TYPE c counter\nc_total -1\n", "2:9: counter sample \"c_total\" must not be negative")
        expectStrictOnly("# TYPE c counter\nc_total NaN\n", "2:9: counter sample \"c_total\" must not be NaN")
        expectStrictOnly("# TYPE c counter\nc_total 1\nc_created NaN\n", "3:11: counter sample \"c_created\" must be a finite timestamp")
        expectStrictOnly("# TYPE c counter\nc_created 1\n", "2:1: counter \"c\" has a point with \"c_created\" but no \"c_total\"")
    }

    @Test func rejectsBadHistogramValues() {
        let inf = "# TYPE h histogram\nh_bucket{le=\"+Inf\"}"
        expectStrictOnly("\(inf) -1\n", "2:21: histogram sample \"h_bucket\" must not be negative")
        expectStrictOnly("\(inf) NaN\n", "2:21: histogram sample \"h_bucket\" must not be NaN")
        expectStrictOnly("\(inf) 0.5\n", "2:21: histogram sample \"h_bucket\" must be a whole number, not \"0.5\"")
        expectStrictOnly("\(inf) 1\nh_count -1\n", "3:9: histogram sample \"h_count\" must not be negative")
        expectStrictOnly("\(inf) 1\nh_count 1.5\n", "3:9: histogram sample \"h_count\" must be a whole number, not \"1.5\"")
        expectStrictOnly("\(inf) 1\nh_count 1\nh_sum NaN\n", "4:7: histogram sample \"h_sum\" must not be NaN")
        expectStrictOnly("\(inf) 1\nh_count 1\nh_sum -1\n", "4:7: histogram sample \"h_sum\" must not be negative")
    }

    @Test func rejectsBadGaugeHistogramValues() {
        let inf = "# TYPE g gaugehistogram\ng_bucket{le=\"+Inf\"}"
        expectStrictOnly("\(inf) -1\n", "2:21: gaugehistogram sample \"g_bucket\" must not be negative")
        expectStrictOnly("\(inf) 0.5\n", "2:21: gaugehistogram sample \"g_bucket\" must be a whole number, not \"0.5\"")
        expectStrictOnly("\(inf) 1\ng_gcount -1\n", "3:10: gaugehistogram sample \"g_gcount\" must not be negative")
        expectStrictOnly("\(inf) 1\ng_gcount 1\ng_gsum NaN\n", "4:8: gaugehistogram sample \"g_gsum\" must not be NaN")
        expectStrictOnly("\(inf) 1\ng_gcount 1\ng_gsum -1\n", "4:8: \"g_gsum\" must not be negative unless there are buckets below 0")
    }

    @Test func rejectsBadSummaryValues() {
        expectStrictOnly("# TYPE s summary\ns{quantile=\"0.5\"} -1\n", "2:19: summary sample \"s\" must not be negative")
        expectStrictOnly("# TYPE s summary\ns_sum NaN\n", "2:7: summary sample \"s_sum\" must not be NaN")
        expectStrictOnly("# TYPE s summary\ns_sum -1\n", "2:7: summary sample \"s_sum\" must not be negative")
        expectStrictOnly("# TYPE s summary\ns_count -1\n", "2:9: summary sample \"s_count\" must not be negative")
        expectStrictOnly("# TYPE s summary\ns_count 0.5\n", "2:9: summary sample \"s_count\" must be a whole number, not \"0.5\"")
        expectValid("# TYPE s summary\ns{quantile=\"0.5\"} NaN\ns_count 0\n")
    }

    @Test func rejectsBadInfoAndStateSetValues() {
        expectStrictOnly("# TYPE i info\ni_info{a=\"b\"} 2\n", "2:15: info sample \"i_info\" must be 1, not \"2\"")
        expectStrictOnly("# TYPE s stateset\ns{s=\"a\"} 2.0\n", "2:10: stateset sample \"s\" must be 0 or 1, not \"2.0\"")
    }

    // MARK: Histogram points

    @Test func rejectsHistogramBucketsWithoutInfinity() {
        expectStrictOnly("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_count 1\n", "3:1: buckets of h_bucket must end with le=\"+Inf\"")
        expectStrictOnly("# TYPE h histogram\nh_bucket{le=\"1\"} 1\n", "3:1: buckets of h_bucket must end with le=\"+Inf\"")
        expectStrictOnly("# TYPE h histogram\nh_bucket{a=\"1\",le=\"1\"} 1\nh_bucket{a=\"2\",le=\"+Inf\"} 1\n", "3:1: buckets of h_bucket{a=\"1\"} must end with le=\"+Inf\"")
        expectStrictOnly("# TYPE h histogram\nh_bucket{le=\"1\"} 1\n# TYPE g gauge\n", "3:8: buckets of h_bucket must end with le=\"+Inf\"")
        expectStrictOnly("# TYPE h histogram\nh_sum 1\n", "3:1: histogram \"h\" has a point with no buckets; it needs at least le=\"+Inf\"")
        expectStrictOnly("# TYPE g gaugehistogram\ng_gsum 1\n", "3:1: gaugehistogram \"g\" has a point with no buckets; it needs at least le=\"+Inf\"")
    }

    @Test func rejectsUnsortedOrNonCumulativeBuckets() {
        expectStrictOnly("# TYPE h histogram\nh_bucket{le=\"2\"} 1\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 1\n", "3:1: buckets of h_bucket must be sorted by increasing \"le\"; \"1\" comes after \"2\"")
        expectStrictOnly("# TYPE h histogram\nh_bucket{le=\"1\"} 5\nh_bucket{le=\"2\"} 3\nh_bucket{le=\"+Inf\"} 5\n", "3:1: buckets of h_bucket must be cumulative; 3 comes after 5")
        expectStrictOnly("# TYPE h histogram\nh_bucket{le=\"1\"} 0\nh_bucket{le=\"+Inf\"} 0\nh_count 0\nh_sum 0\nh_bucket{le=\"2\"} 0\n", "6:1: buckets of h_bucket must be contiguous; this one follows other samples of the point")
    }

    @Test func rejectsCountAndSumThatDoNotMatch() {
        let inf = "# TYPE h histogram\nh_bucket{le=\"+Inf\"}"
        expectStrictOnly("\(inf) 0\nh_count 1\nh_sum 0\n", "3:9: \"h_count\" is 1 but the le=\"+Inf\" bucket is 0; they must be equal")
        expectStrictOnly("# TYPE h histogram\nh_count 1\nh_sum 0\nh_bucket{le=\"+Inf\"} 0\n", "2:9: \"h_count\" is 1 but the le=\"+Inf\" bucket is 0; they must be equal")
        expectStrictOnly("\(inf) 0\nh_sum 0\n", "3:7: \"h_sum\" is given without \"h_count\"; a point has both or neither")
        expectStrictOnly("\(inf) 0\nh_count 0\n", "3:9: \"h_count\" is given without \"h_sum\"; a point has both or neither")
        expectStrictOnly("# TYPE g gaugehistogram\ng_bucket{le=\"+Inf\"} 0\ng_gsum 0\n", "3:8: \"g_gsum\" is given without \"g_gcount\"; a point has both or neither")
        expectStrictOnly("# TYPE h histogram\nh_bucket{le=\"-1\"} 0\nh_bucket{le=\"+Inf\"} 0\nh_count 0\nh_sum 0\n", "5:7: histogram \"h\" has buckets below 0, so it must not have \"h_sum\"")
    }

    @Test func rejectsExemplarsOutsideTheirBucket() {
        expectStrictOnly("# TYPE h histogram\nh_bucket{le=\"1\"} 1 # {} 2\nh_bucket{le=\"+Inf\"} 1\n", "2:20: exemplar value 2 is outside its bucket, which holds values at most 1")
        expectStrictOnly("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"2\"} 1 # {} 0.5\nh_bucket{le=\"+Inf\"} 1\n", "3:20: exemplar value 0.5 is outside its bucket, which holds values above 1 and at most 2")
    }

    // MARK: Exemplars

    @Test func rejectsMisplacedOrLongExemplars() {
        let where_ = "exemplars are only allowed on counter \"_total\" and histogram \"_bucket\" samples"
        expectStrictOnly("# TYPE g gauge\ng 1 # {a=\"b\"} 1\n", "2:5: \(where_)")
        expectStrictOnly("# TYPE h histogram\nh_count 1 # {a=\"b\"} 1\n", "2:11: \(where_)")
        expectStrictOnly("# TYPE h histogram\nh_sum 1 # {a=\"b\"} 0.5\n", "2:9: \(where_)")
        expectStrictOnly("# TYPE c counter\nc_created 1 # {a=\"b\"} 0.5\n", "2:13: \(where_)")
        expectStrictOnly("# TYPE i info\ni_info 1 # {a=\"b\"} 1\n", "2:10: \(where_)")
        expectStrictOnly("# TYPE s stateset\ns{s=\"b\"} 1 # {c=\"d\"} 1\n", "2:12: \(where_)")
        let long = String(repeating: "x", count: 128)
        expectStrictOnly("# TYPE c counter\nc_total 1 # {id=\"\(long)\"} 1\n", "2:11: exemplar labels have 130 characters; OpenMetrics allows at most 128")
        expectValid("# TYPE c counter\nc_total 1 # {i=\"\(String(repeating: "é", count: 127))\"} 1\n")
    }

    // MARK: Metrics and points

    @Test func rejectsInterleavedMetrics() {
        expectStrictOnly("# TYPE h histogram\nh_sum{a=\"1\"} 0\nh_sum{a=\"2\"} 0\nh_count{a=\"1\"} 0\n", "3:1: histogram \"h\" has a point with no buckets; it needs at least le=\"+Inf\"")
        expectStrictOnly("# TYPE s summary\ns_sum{a=\"1\"} 0\ns_sum{a=\"2\"} 0\ns_count{a=\"1\"} 0\n", "4:1: metric s{a=\"1\"} appears again after other metrics of its family; its samples must be contiguous")
        expectStrictOnly("# TYPE s summary\ns_count{a=\"bb\"} 0 123\ns_count{a=\"ccc\"} 0 123\ns_count{a=\"bb\"} 0 456\n", "4:1: metric s{a=\"bb\"} appears again after other metrics of its family; its samples must be contiguous")
    }

    @Test func rejectsPointsOutOfTimestampOrder() {
        expectStrictOnly("# TYPE a gauge\na 0 -1\na 0 -2\n", "3:1: a at timestamp -2000 comes after timestamp -1000; a metric's points must rise in time")
        expectStrictOnly("# TYPE a gauge\na 0 1.1\na 0 1\n", "3:1: a at timestamp 1000 comes after timestamp 1100; a metric's points must rise in time")
        expectStrictOnly("# TYPE s summary\ns_count{a=\"bb\"} 0 123\ns_count{a=\"bb\"} 0 456\ns_sum{a=\"bb\"} 0 123\n", "4:1: s_sum{a=\"bb\"} at timestamp 123000 comes after timestamp 456000; a metric's points must rise in time")
        expectStrictOnly("# TYPE a gauge\na 0\na 0 0\n", "3:1: a mixes samples with and without timestamps; a metric's points have a timestamp each or none")
        expectStrictOnly("# TYPE a gauge\na 0 0\na 0\n", "3:1: a mixes samples with and without timestamps; a metric's points have a timestamp each or none")
    }

    @Test func rejectsDuplicateSeries() {
        expectStrictOnly("# TYPE a gauge\na{x=\"1\"} 0 5\na{x=\"1\"} 1 5\n", "3:1: duplicate series a{x=\"1\"} at timestamp 5000")
        expectStrictOnly("# TYPE s stateset\ns{s=\"a\"} 0\ns{s=\"a\"} 1\n", "3:1: duplicate series s{s=\"a\"}")
        expectStrictOnly("# TYPE h histogram\nh_bucket{le=\"1\"} 0\nh_bucket{le=\"1.0\"} 0\n", "3:1: buckets of h_bucket must be sorted by increasing \"le\"; \"1.0\" comes after \"1\"")
    }
}
