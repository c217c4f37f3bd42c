import Foundation
import TestSupport
import Testing

/// `backlog scrape` as a user runs it: the built executable, real files and loopback servers.
@Suite struct ScrapeCommandTests {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "backlog-scrape-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func file(_ name: String, _ text: String) throws -> String {
        let path = "\(directory)/\(name)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func printsJSONInTheDocumentedShape() throws {
        let path = try file("ok.prom", "q{pid=\"<0.1.0>\",name=\"r\"} 48210\nq{pid=\"<0.2.0>\"} +Inf 1700000000000\nz NaN\n")
        let run = try CommandRun.backlog(["scrape", "--file", path, "--format", "json"])
        #expect(run.status == 0)
        #expect(run.stdout == """
            [
              {"metric":{"__name__":"q","name":"r","pid":"<0.1.0>"},"value":"48210","timestamp":null},
              {"metric":{"__name__":"q","pid":"<0.2.0>"},"value":"+Inf","timestamp":1700000000000},
              {"metric":{"__name__":"z"},"value":"NaN","timestamp":null}
            ]

            """)
    }

    @Test func aParseErrorExitsOneWithFileLineColumn() throws {
        let path = try file("bad.prom", "ok 1\nq{pid=\"a\" 1\n")
        let run = try CommandRun.backlog(["scrape", "--file", path])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("\(path):2:11: "), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func strictOpenMetricsRejectsWhatTheSpecRejects() throws {
        let path = try file("lenient.om", "# TYPE q gauge\nq 1\n")
        let lenient = try CommandRun.backlog(["scrape", "--file", path, "--format", "summary"])
        #expect(lenient.status == 1, "OpenMetrics without # EOF is cut off")
        let blank = try file("blank.om", "# TYPE q gauge\n\nq 1\n# EOF\n")
        let strict = try CommandRun.backlog(["scrape", "--file", blank, "--openmetrics"])
        #expect(strict.status == 1)
        #expect(strict.stderr.hasPrefix("\(blank):2:1: "), "\(strict.stderr)")
    }

    @Test func strictOpenMetricsNamesEachBrokenRuleWithLineAndColumn() throws {
        let cases = [
            ("# TYPE c counter\nc_total -1\n# EOF\n", "2:9: counter sample \"c_total\" must not be negative"),
            ("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 3\nh_sum 1\n# EOF\n",
             "3:9: \"h_count\" is 3 but the le=\"+Inf\" bucket is 2; they must be equal"),
            ("# TYPE foo counter\n# TYPE foo_total gauge\n# EOF\n",
             "2:8: metric family \"foo_total\" (gauge) clashes with \"foo\" (counter): both may have samples named \"foo_total\""),
        ]
        for (index, (text, message)) in cases.enumerated() {
            let path = try file("rule\(index).om", text)
            let strict = try CommandRun.backlog(["scrape", "--file", path, "--openmetrics"])
            #expect(strict.status == 1)
            #expect(strict.stderr.contains("\(path):\(message)\n"), "\(strict.stderr)")
            let lenient = try CommandRun.backlog(["scrape", "--file", path])
            #expect(lenient.status == 0, "scraping stays as lenient as Prometheus: \(lenient.stderr)")
        }
        let valid = try file("valid.om", "# TYPE c counter\nc_total 1\n# EOF\n")
        #expect(try CommandRun.backlog(["scrape", "--file", valid, "--openmetrics"]).status == 0)
    }

    @Test func summaryCountsFamiliesSeriesAndBytes() throws {
        let text = "# TYPE q gauge\nq{pid=\"a\"} 1\nq{pid=\"b\"} 2\n# TYPE up gauge\nup 1\n"
        let path = try file("s.prom", text)
        let run = try CommandRun.backlog(["scrape", "--file", path, "--format", "summary"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("families  2"))
        #expect(run.stdout.contains("series    3"))
        #expect(run.stdout.contains("bytes     \(text.utf8.count)"))
        #expect(run.stdout.contains("parse     "))
    }

    @Test func anUnreachableTargetExitsOneNamingTheURLWhileOthersPrint() async throws {
        let server = try await LoopbackHTTPServer.start(behavior: .ok("q{pid=\"<0.1.0>\"} 5\n"))
        defer { Task { await server.shutdown() } }
        let refusedPort = LoopbackPort.unused()
        let port = server.port
        let run = await BlockingWork.run {
            try? CommandRun.backlog(["scrape", "127.0.0.1:\(port)", "127.0.0.1:\(refusedPort)", "--timeout", "2s"])
        }
        let result = try #require(run)
        #expect(result.status == 1)
        #expect(result.stdout.contains("q{instance=\"127.0.0.1:\(port)\", pid=\"<0.1.0>\"}"))
        #expect(result.stderr == "http://127.0.0.1:\(refusedPort)/metrics: connection refused — is the exporter running and listening on that port?\n")
        await server.shutdown()
    }

    @Test func badArgumentsExitNonZeroWithAHint() throws {
        let none = try CommandRun.backlog(["scrape"])
        #expect(none.status != 0)
        #expect(none.stderr.contains("give one or more URLs, or --file FILE"))
        let timeout = try CommandRun.backlog(["scrape", "h:1", "--timeout", "soon"])
        #expect(timeout.status != 0)
        #expect(timeout.stderr.contains("is not a duration"))
    }
}
