import Foundation
import TestSupport
import Testing
import TimeSeries

/// `backlog query` with expressions that start with `-`, and `backlog --version`, through the
/// built binary as a user runs them.
@Suite struct QueryCommandTests {
    let directory: String
    let db: String
    let start = 1_764_000_000

    init() throws {
        directory = NSTemporaryDirectory() + "backlog-query-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        db = "\(directory)/backlog.db"
    }

    /// Two minutes at 10 s of one series, `x`, that grows by 30 a sample (3/s).
    func importSeries() throws {
        var lines = ["# TYPE x gauge"]
        for step in 0..<13 {
            lines.append(#"x{job="chat"} \#(step * 30) \#(start + step * 10)"#)
        }
        lines.append("# EOF")
        let file = "\(directory)/x.om"
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try CommandRun.backlog(["import", file, "--db", db])
        try #require(imported.status == 0, "\(imported.stderr)")
    }

    func query(_ arguments: [String]) throws -> CommandRun {
        try CommandRun.backlog(["query"] + arguments)
    }

    @Test(arguments: [
        // The expression, where the options go, and the value at the end: x is 360, rate is 3/s.
        (["-x", "--at", "AT", "--db", "DB"], "-360"),
        (["--at", "AT", "--db", "DB", "-x"], "-360"),
        (["--at", "AT", "-x", "--db", "DB"], "-360"),
        (["- x", "--at", "AT", "--db", "DB"], "-360"),
        (["-rate(x[1m])", "--at", "AT", "--db", "DB"], "-3"),
        (["--at", "AT", "--db", "DB", "--", "-x"], "-360"),
        (["--db=DB", "--at=AT", "-x"], "-360"),
    ])
    func anExpressionThatStartsWithAMinusIsTheExpression(arguments: [String], value: String) throws {
        try importSeries()
        let at = "\(start + 120)"
        let filled = arguments.map { $0.replacingOccurrences(of: "AT", with: at).replacingOccurrences(of: "DB", with: db) }
        let run = try query(["--format", "json"] + filled)
        #expect(run.status == 0, "\(filled): \(run.stderr)")
        #expect(run.stdout == #"{"resultType":"vector","result":[{"metric":{"job":"chat"},"value":[\#(at),"\#(value)"]}]}"# + "\n", "\(filled)")
    }

    @Test func anUnknownOptionIsStillRefused() throws {
        let run = try query(["x", "--bogus"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("--bogus"), "\(run.stderr)")
    }

    @Test func helpSaysHowToWriteAnExpressionThatStartsWithAMinus() throws {
        let run = try query(["--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("backlog query '-rate(x[1m])'"), "\(run.stdout)")
    }

    @Test func versionPrintsTheBuildVersion() throws {
        let run = try CommandRun.backlog(["--version"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == BuildInfo.version + "\n")
        #expect(BuildInfo.version.split(separator: ".").count == 3, "semantic version: \(BuildInfo.version)")
    }
}
