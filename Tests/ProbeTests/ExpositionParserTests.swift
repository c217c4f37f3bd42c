import Testing
import Probe
import TimeSeries

/// What the pull parser returns for both formats: entries, labels, values, timestamps, exemplars.
@Suite struct ExpositionParserTests {
    typealias T = ExpositionTesting

    @Test func readsPrometheusTextFamily() throws {
        let text = """
        # HELP erlang_process_message_queue_len Messages waiting in a process mailbox.
        # TYPE erlang_process_message_queue_len gauge
        erlang_process_message_queue_len{pid="<0.123.0>",name="chat_router",initial_call="gen_server:init_it/6",current_function="gen_server:loop/7"} 1234
        erlang_process_message_queue_len{pid="<0.124.0>",name="",initial_call="gen_server:init_it/6",current_function="gen_server:loop/7"} 0

        """
        let entries = try T.entries(text)
        let metric = "erlang_process_message_queue_len"
        #expect(entries == [
            .help(metric: metric, text: "Messages waiting in a process mailbox."),
            .type(metric: metric, type: .gauge),
            .sample(T.sample([
                "__name__": metric, "pid": "<0.123.0>", "name": "chat_router",
                "initial_call": "gen_server:init_it/6", "current_function": "gen_server:loop/7",
            ], 1234), exemplar: nil),
            .sample(T.sample([
                "__name__": metric, "pid": "<0.124.0>",
                "initial_call": "gen_server:init_it/6", "current_function": "gen_server:loop/7",
            ], 0), exemplar: nil),
        ])
    }

    @Test func sortsLabelsAndDropsEmptyValues() throws {
        let samples = try T.samples("m{z=\"1\",a=\"2\",name=\"\",B=\"3\"} 1\n")
        let labels = try #require(samples.first).labels
        #expect(labels.map(\.name) == ["B", "__name__", "a", "z"])
        #expect(labels.map(\.value) == ["3", "m", "2", "1"])
    }

    @Test func learnsAnotherLabelOrderMidway() throws {
        let samples = try T.samples("m{b=\"1\",a=\"2\"} 1\nm{a=\"3\",b=\"4\"} 2\nm{b=\"5\",a=\"6\",c=\"7\"} 3\n")
        #expect(samples.map { $0.labels.map(\.name) } == [["__name__", "a", "b"], ["__name__", "a", "b"], ["__name__", "a", "b", "c"]])
        #expect(samples.map { $0.labels["a"] } == ["2", "3", "6"])
    }

    @Test func decodesLabelValueEscapes() throws {
        let samples = try T.samples(#"m{a="back\\slash \"quoted\" new\nline"} 1"# + "\n")
        #expect(samples.first?.labels["a"] == "back\\slash \"quoted\" new\nline")
    }

    @Test func keepsUnknownEscapesAsWrittenWhenNotStrict() throws {
        let samples = try T.samples(#"m{a="C:\dir"} 1"# + "\n")
        #expect(samples.first?.labels["a"] == #"C:\dir"#)
    }

    @Test func decodesHelpEscapesPerFormat() throws {
        let help = #"# HELP m a\\b\nc\"d"# + "\n"
        #expect(try T.entries(help) == [.help(metric: "m", text: "a\\b\nc\\\"d")])
        #expect(try T.entries(help + "# EOF\n", .openMetrics) == [.help(metric: "m", text: "a\\b\nc\"d"), .endOfFile])
    }

    @Test func readsSpecialAndDecimalValues() throws {
        let cases: [(String, Double)] = [
            ("NaN", .nan), ("nan", .nan), ("+Inf", .infinity), ("-Inf", -.infinity), ("Inf", .infinity),
            ("inf", .infinity), ("-Infinity", -.infinity), ("1e3", 1000), (".5", 0.5), ("1.", 1), ("-0.25", -0.25),
            ("1.5E-3", 0.0015), ("0.1", 0.1), ("12345678901234567890", 1.2345678901234567e19),
            ("3.141592653589793238", 3.141592653589793), ("1e-400", 0), ("2.5e+2", 250), ("007", 7),
        ]
        for (text, expected) in cases {
            let value = try #require(try T.samples("m \(text)\n").first?.value, "\(text)")
            #expect(value == expected || (value.isNaN && expected.isNaN), "\(text) read as \(value)")
        }
    }

    @Test func rejectsMalformedValues() {
        for text in ["0x10", "1_000", "+NaN", "-nan", "1e", "1.2.3", "e5", ".", "-", "infinit", "1,5", "Infinityy"] {
            #expect(T.error("m \(text)\n") == "1:3: invalid sample value \"\(text)\"; expected a number, NaN or ±Inf")
        }
    }

    @Test func readsPrometheusTimestampsAsMilliseconds() throws {
        let samples = try T.samples("a 1 1700000000123\nb 2 -5\nc 3\n")
        #expect(samples.map(\.timestamp) == [Timestamp(milliseconds: 1_700_000_000_123), Timestamp(milliseconds: -5), nil])
        #expect(T.error("a 1 1.5\n") == "1:5: invalid sample timestamp \"1.5\"; expected integer milliseconds")
        #expect(T.error("a 1 99999999999999999999\n") == "1:5: invalid sample timestamp \"99999999999999999999\"; expected integer milliseconds")
    }

    @Test func readsOpenMetricsTimestampsAsSeconds() throws {
        let text = "a 1 1700000000.123\nb 1 1.5e9\nc 1 1700000000.1236\nd 1 17\n# EOF\n"
        let samples = try T.samples(text, .openMetrics)
        #expect(samples.map(\.timestamp) == [1_700_000_000_123, 1_500_000_000_000, 1_700_000_000_124, 17000].map(Timestamp.init(milliseconds:)))
        #expect(T.error("a 1 NaN\n# EOF\n", .openMetrics) == "1:5: invalid sample timestamp \"NaN\"; expected seconds as a finite number")
        #expect(T.error("a 1 1e300\n# EOF\n", .openMetrics) == "1:5: invalid sample timestamp \"1e300\"; expected seconds as a finite number")
    }

    @Test func toleratesLooseSpacingCommentsAndBlankLines() throws {
        let text = "\n# a comment\n  #\tHELP m text\n\t m { a = \"1\" , b=\"2\", }  7   123  \n\n"
        #expect(try T.entries(text) == [
            .help(metric: "m", text: "text"),
            .sample(T.sample(["__name__": "m", "a": "1", "b": "2"], 7, at: 123), exemplar: nil),
        ])
    }

    @Test func strictChangesNothingForPrometheusText() throws {
        let text = "# comment\n\nm{a=\"1\",} 1\r\n"
        #expect(try T.entries(text, strict: true) == T.entries(text))
    }

    @Test func toleratesCarriageReturnsWhenNotStrict() throws {
        #expect(try T.samples("a 1\r\nb{x=\"y\"} 2\r\n") == [T.sample(["__name__": "a"], 1), T.sample(["__name__": "b", "x": "y"], 2)])
        #expect(try T.samples("a 1\r\n# EOF\r\n", .openMetrics) == [T.sample(["__name__": "a"], 1)])
    }

    @Test func acceptsLastLineWithoutNewline() throws {
        #expect(try T.samples("a 1") == [T.sample(["__name__": "a"], 1)])
        #expect(try T.entries("a 1\n# EOF", .openMetrics) == [.sample(T.sample(["__name__": "a"], 1), exemplar: nil), .endOfFile])
    }

    @Test func treatsUnitAndEOFAsCommentsInPrometheusText() throws {
        #expect(try T.entries("# UNIT m seconds\n# EOF\nm 1\n") == [.sample(T.sample(["__name__": "m"], 1), exemplar: nil)])
    }

    @Test func readsOpenMetricsUnitAndEndOfFile() throws {
        var parser = ExpositionParser(bytes: Array("# UNIT m_seconds seconds\n# EOF\nignored garbage {\n".utf8), format: .openMetrics)
        #expect(try parser.next() == .unit(metric: "m_seconds", unit: "seconds"))
        #expect(try parser.next() == .endOfFile)
        #expect(try parser.next() == nil)
        #expect(try parser.next() == nil)
    }

    @Test func requiresEndOfFileInOpenMetrics() {
        #expect(T.error("a 1\n", .openMetrics) == "2:1: expected \"# EOF\" at the end of an OpenMetrics exposition")
        #expect(T.error("a 1", .openMetrics) == "1:4: expected \"# EOF\" at the end of an OpenMetrics exposition")
        #expect(T.error("", .openMetrics) == "1:1: expected \"# EOF\" at the end of an OpenMetrics exposition")
    }

    @Test func readsExemplars() throws {
        let text = """
        # TYPE rpc counter
        rpc_total{code="200"} 17 # {trace_id="abc",span="1"} 0.5 1700000000.5
        rpc_total{code="500"} 2 1700000000 # {trace_id="def"} 1
        # EOF

        """
        let entries = try T.entries(text, .openMetrics)
        #expect(entries.count == 4)
        #expect(entries[1] == .sample(
            T.sample(["__name__": "rpc_total", "code": "200"], 17),
            exemplar: Exemplar(labels: Labels(["trace_id": "abc", "span": "1"]), value: 0.5, timestamp: Timestamp(milliseconds: 1_700_000_000_500))
        ))
        #expect(entries[2] == .sample(
            T.sample(["__name__": "rpc_total", "code": "500"], 2, at: 1_700_000_000_000),
            exemplar: Exemplar(labels: Labels(["trace_id": "def"]), value: 1, timestamp: nil)
        ))
    }

    @Test func rejectsExemplarsInPrometheusText() {
        #expect(T.error("m 1 # {a=\"b\"} 1\n") == "1:5: invalid sample timestamp \"#\"; expected integer milliseconds")
    }

    @Test func rejectsMalformedExemplars() {
        #expect(T.error("m_total 1 # 2\n# EOF\n", .openMetrics) == "1:13: expected \"{\" to start the exemplar's labels")
        #expect(T.error("m_total 1 # {a=\"b\"}\n# EOF\n", .openMetrics) == "1:20: expected exemplar value after its labels")
        #expect(T.error("m_total 1 # {a=\"b\"} x\n# EOF\n", .openMetrics) == "1:21: invalid exemplar value \"x\"; expected a number")
        #expect(T.error("m_total 1 # {a=\"b\"} 1 y\n# EOF\n", .openMetrics) == "1:23: invalid exemplar timestamp \"y\"; expected seconds as a finite number")
    }

    @Test func acceptsNameCharacters() throws {
        let samples = try T.samples("job:rate_5m:sum{_under=\"x\",a1=\"y\"} 1\n")
        #expect(samples.first?.labels.name == "job:rate_5m:sum")
        #expect(samples.first?.labels["_under"] == "x")
    }

    @Test func emptyPrometheusTextHasNoEntries() throws {
        #expect(try T.entries("").isEmpty)
        #expect(try T.entries("\n\n# just a comment\n").isEmpty)
    }

    @Test func finishesAfterAnError() throws {
        var parser = ExpositionParser(bytes: Array("a 1\nb x\nc 3\n".utf8), format: .prometheusText)
        #expect(try parser.next() != nil)
        #expect(throws: ExpositionParseError.self) { try parser.next() }
        #expect(try parser.next() == nil)
    }
}
