import Foundation
import TestSupport
import Testing

/// `backlog import`, `query` and `history` on a real history file, as a user runs them.
@Suite struct HistoryCommandsTests {
    let directory: String
    let db: String
    /// Whole minutes, so range steps land on the samples.
    let start = 1_764_000_000

    init() throws {
        directory = NSTemporaryDirectory() + "backlog-history-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        db = "\(directory)/backlog.db"
    }

    /// Ten minutes at 10 s: chat_router on chat1 grows by 50 per sample, a pid on chat2 stays at 7.
    func importFleet() throws -> CommandRun {
        var lines = ["# TYPE erlang_process_message_queue_len gauge"]
        for step in 0..<60 {
            let t = start + step * 10
            lines.append(#"erlang_process_message_queue_len{instance="h1:9199",job="chat",name="chat_router",pid="<0.100.0>"} \#(step * 50) \#(t)"#)
            lines.append(#"erlang_process_message_queue_len{instance="h2:9199",job="chat",pid="<0.200.0>"} 7 \#(t)"#)
        }
        lines.append("# TYPE erlang_node_info gauge")
        for step in 0..<60 {
            let t = start + step * 10
            lines.append(#"erlang_node_info{instance="h1:9199",job="chat",node="chat1@host",otp_release="25"} 1 \#(t)"#)
            lines.append(#"erlang_node_info{instance="h2:9199",job="chat",node="chat2@host",otp_release="25"} 1 \#(t)"#)
        }
        lines.append("# EOF")
        let file = "\(directory)/fleet.om"
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        return try CommandRun.backlog(["import", file, "--db", db])
    }

    @Test func importsThenQueriesInPrometheusJSON() throws {
        let imported = try importFleet()
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout == "imported 240 samples into \(db) (4 new series)\n")
        let at = start + 590
        let run = try CommandRun.backlog([
            "query", #"erlang_process_message_queue_len{name="chat_router"}"#, "--at", "\(at)", "--db", db, "--format", "json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == #"{"resultType":"vector","result":[{"metric":{"__name__":"erlang_process_message_queue_len","instance":"h1:9199","job":"chat","name":"chat_router","pid":"\u003c0.100.0\u003e"},"value":[\#(at),"2950"]}]}"# + "\n")
    }

    @Test func rangeQueriesAsCSVWithHandWorkedRates() throws {
        _ = try importFleet()
        // The router grows 50 every 10 s: deriv is exactly 5/s at every step with a full minute behind it.
        let run = try CommandRun.backlog([
            "query", #"deriv(erlang_process_message_queue_len{name="chat_router"}[1m])"#, "--start", "\(start + 120)",
            "--end", "\(start + 180)", "--step", "30s", "--db", db, "--format", "csv",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n").map(String.init)
        #expect(rows.first == "time,unix_seconds,value,instance,job,name,pid")
        #expect(rows.count == 4)
        #expect(rows.dropFirst().allSatisfy { $0.contains(",5,h1:9199,chat,chat_router,<0.100.0>") }, "\(rows)")
    }

    @Test func historyShowsProcessesByNodeNameInAWideTable() throws {
        _ = try importFleet()
        let run = try CommandRun.backlog([
            "history", "--db", db, "--until", "\(start + 590)", "--since", "2m", "--step", "1m", "--format", "table",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(lines.first == "TIME chat_router on chat1@host <0.200.0> on chat2@host")
        #expect(lines.count == 4)
        #expect(lines.last?.hasSuffix(" 2700 7") == true, "\(lines)")
        let one = try CommandRun.backlog([
            "history", "--db", db, "--until", "\(start + 590)", "--since", "1m", "--step", "1m", "--node", "chat2@host",
            "--format", "csv",
        ])
        #expect(one.stdout.contains("chat2@host,<0.200.0>"))
        #expect(!one.stdout.contains("chat_router"))
    }

    @Test func historyDrawsAChartByDefaultReadableWithoutColor() throws {
        _ = try importFleet()
        let run = try CommandRun.backlog(["history", "--db", db, "--until", "\(start + 590)", "--since", "10m"],
                                         environment: ["COLUMNS": "80", "PATH": "/usr/bin:/bin"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix("erlang_process_message_queue_len — all processes") == true)
        #expect(!run.stdout.contains("\u{1B}["), "no color codes when stdout is not a terminal")
        #expect(lines.contains { $0.hasPrefix(" 2k+") || $0.hasPrefix("2k+") || $0.contains("2k+") }, "a y axis in human numbers")
        #expect(lines.contains { $0.contains("* chat_router on chat1@host") && $0.contains("+ <0.200.0> on chat2@host") },
                "a legend naming each series with its marker")
        #expect(lines.dropFirst().allSatisfy { $0.count <= 80 }, "the chart fits COLUMNS")
    }

    @Test func instantQueriesChartAsBars() throws {
        _ = try importFleet()
        let run = try CommandRun.backlog([
            "query", "erlang_process_message_queue_len", "--at", "\(start + 590)", "--db", db, "--format", "chart",
        ], environment: ["COLUMNS": "60"])
        #expect(run.status == 0, "\(run.stderr)")
        let bars = run.stdout.split(separator: "\n").dropFirst().map(String.init)
        #expect(bars.count == 2)
        #expect(bars[0].hasSuffix("3k") && bars[1].hasSuffix(" 7"), "\(bars)")
        #expect(bars[0].filter { $0 == "█" }.count > bars[1].filter { $0 == "█" }.count)
    }

    @Test func topRanksTheGrowingProcessFirstWithItsReason() throws {
        _ = try importFleet()
        let table = try CommandRun.backlog(["top", "--db", db, "--at", "\(start + 590)"])
        #expect(table.status == 0, "\(table.stderr)")
        let rows = table.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(rows.count == 4)
        // 50 every 10 s is +5/s; (10,000 − 2,950) / 5 = 1,410 s.
        #expect(rows[1] == "# PROCESS PID NODE QUEUED PEAK 1M Δ/S STATUS", "\(rows)")
        #expect(rows[2] == "1 chat_router <0.100.0> chat1@host 2,950 2,950 +5 reaches 10,000 in ~23m", "\(rows)")
        #expect(rows[3] == "2 <0.200.0> <0.200.0> chat2@host 7 7 0 steady", "\(rows)")
        let json = try CommandRun.backlog(["top", "--db", db, "--at", "\(start + 590)", "--format", "json", "--threshold", "2000"])
        #expect(json.stdout.hasPrefix(#"[{"rank":1,"process":"chat_router","node":"chat1@host""#), "\(json.stdout)")
        // Over 2,000 from the sample at +410 s (2,050) to the last at +590 s: 3 minutes.
        #expect(json.stdout.contains(#""reason":"chat_router on chat1@host: 2,950 queued, +5/s, over 2,000 for 3m""#))
        #expect(json.stdout.contains(#""queued":2950,"peak_last_minute":2950,"#), "\(json.stdout)")
        #expect(json.stdout.contains(#""seconds_to_threshold":null,"status":"steady","#), "the status says why there is no time to the threshold")
    }

    @Test func badInputGetsAClearErrorAndANonZeroExit() throws {
        let missing = try CommandRun.backlog(["query", "up", "--db", "\(directory)/none.db"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no history file here"))
        _ = try importFleet()
        let parse = try CommandRun.backlog(["query", "rate(x{a=}[5m])", "--db", db])
        #expect(parse.status == 1)
        #expect(parse.stderr.hasPrefix("query: 1:10: unexpected \"}\""), "\(parse.stderr)")
        #expect(parse.stderr.contains("\n  rate(x{a=}[5m])\n           ^\n"))
        let time = try CommandRun.backlog(["query", "up", "--at", "yesterday", "--db", db])
        #expect(time.status == 1)
        #expect(time.stderr.contains("is not a time"))
        let node = try CommandRun.backlog(["history", "--db", db, "--until", "\(start + 590)", "--node", "chat9@host"])
        #expect(node.status == 1)
        #expect(node.stderr.contains("no node named chat9@host in the history (known: chat1@host, chat2@host)"))
    }

    @Test func importNamesTheLineOfASampleWithoutTimestampAndOfASyntaxError() throws {
        let noTimestamp = "\(directory)/a.prom"
        try "q{pid=\"a\"} 1 1700000000000\nq{pid=\"b\"} 2\n".write(toFile: noTimestamp, atomically: true, encoding: .utf8)
        let run = try CommandRun.backlog(["import", noTimestamp, "--db", db])
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(noTimestamp):2: sample q{pid=\"b\"} has no timestamp"))
        let broken = "\(directory)/b.om"
        try "q 1 1\nq{ 2 2\n# EOF\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let syntax = try CommandRun.backlog(["import", broken, "--db", db])
        #expect(syntax.status == 1)
        #expect(syntax.stderr.contains("\(broken):2:4: expected label name"), "\(syntax.stderr)")
        #expect(!FileManager.default.fileExists(atPath: db), "nothing is written when the input is bad")
    }
}
