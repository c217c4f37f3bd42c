import Testing
import Probe
import TimeSeries

/// Whole expositions: samples, families with suffix attribution, and duplicate series.
@Suite struct ParsedExpositionTests {
    typealias T = ExpositionTesting

    private func parse(_ text: String, _ format: ExpositionFormat = .prometheusText, strict: Bool = false) throws(ExpositionParseError) -> ParsedExposition {
        try ParsedExposition.parse(Array(text.utf8), format: format, strict: strict)
    }

    private func error(_ text: String, _ format: ExpositionFormat = .prometheusText) -> String? {
        do {
            _ = try parse(text, format)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func attributesSuffixedSamplesToPrometheusFamilies() throws {
        let text = """
        # HELP http_requests_total Requests served.
        # TYPE http_requests_total counter
        http_requests_total{code="200"} 10
        http_requests_total{code="500"} 1
        # TYPE rpc_seconds histogram
        rpc_seconds_bucket{le="0.5"} 1
        rpc_seconds_bucket{le="+Inf"} 2
        rpc_seconds_sum 0.7
        rpc_seconds_count 2
        # TYPE latency summary
        latency{quantile="0.5"} 1
        latency_sum 3
        latency_count 2
        latency_total 3
        loose_metric 5

        """
        let parsed = try parse(text)
        #expect(parsed.families == [
            MetricFamily(name: "http_requests_total", type: .counter, help: "Requests served.", sampleCount: 2),
            MetricFamily(name: "rpc_seconds", type: .histogram, sampleCount: 4),
            MetricFamily(name: "latency", type: .summary, sampleCount: 3),
            MetricFamily(name: "latency_total", type: .untyped, sampleCount: 1),
            MetricFamily(name: "loose_metric", type: .untyped, sampleCount: 1),
        ])
        #expect(parsed.samples.count == 11)
        #expect(parsed.samples[3] == T.sample(["__name__": "rpc_seconds_bucket", "le": "+Inf"], 2))
        #expect(parsed.byteCount == text.utf8.count)
    }

    @Test func attributesOpenMetricsSuffixes() throws {
        let text = """
        # TYPE jobs counter
        # HELP jobs Jobs run.
        jobs_total 3
        jobs_created 1700000000
        # TYPE queue gaugehistogram
        queue_bucket{le="+Inf"} 4
        queue_gcount 4
        queue_gsum 9
        # TYPE build info
        build_info{version="2"} 1
        # TYPE uptime gauge
        # UNIT uptime seconds
        uptime 12
        # EOF

        """
        let parsed = try parse(text, .openMetrics)
        #expect(parsed.families == [
            MetricFamily(name: "jobs", type: .counter, help: "Jobs run.", sampleCount: 2),
            MetricFamily(name: "queue", type: .gaugehistogram, sampleCount: 3),
            MetricFamily(name: "build", type: .info, sampleCount: 1),
            MetricFamily(name: "uptime", type: .gauge, unit: "seconds", sampleCount: 1),
        ])
    }

    @Test func emptyPrometheusTextIsValid() throws {
        let parsed = try parse("")
        #expect(parsed.samples.isEmpty)
        #expect(parsed.families.isEmpty)
        #expect(parsed.byteCount == 0)
    }

    @Test func rejectsDuplicateSeriesAtTheSecondOccurrence() {
        #expect(error("a{x=\"1\"} 1\nb 2\na{x=\"1\"} 3\n") == "3:1: duplicate series a{x=\"1\"}")
        #expect(error("a{y=\"2\",x=\"1\"} 1\n  a{x=\"1\",y=\"2\"} 1\n") == "2:3: duplicate series a{x=\"1\", y=\"2\"}")
        #expect(error("a{x=\"1\",name=\"\"} 1\na{x=\"1\"} 1\n") == "2:1: duplicate series a{x=\"1\"}")
        #expect(error("a 1 100\na 2 100\n") == "2:1: duplicate series a at timestamp 100")
        #expect(error("a 1\nb 1\nb 2\na 2\n") == "3:1: duplicate series b")
        #expect(error("a 1\n# EOF\n", .openMetrics) == nil)
    }

    @Test func allowsOneSeriesAtSeveralTimestamps() throws {
        let parsed = try parse("a 1 100\na 2 200\na 3\n")
        #expect(parsed.samples.map(\.value) == [1, 2, 3])
    }

    @Test func findsOneDuplicateAmongManySeries() throws {
        var text = ""
        for index in 0..<50_000 { text += "q{pid=\"<0.\(index).0>\"} \(index)\n" }
        #expect(try parse(text).samples.count == 50_000)
        text += "q{pid=\"<0.31337.0>\"} 1\n"
        #expect(error(text) == "50001:1: duplicate series q{pid=\"<0.31337.0>\"}")
    }

    @Test func reportsSyntaxErrors() {
        #expect(error("a 1\nb{ 2\n") == "2:4: expected label name or \"}\"")
    }
}
