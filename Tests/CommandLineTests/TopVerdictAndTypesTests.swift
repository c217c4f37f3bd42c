import Foundation
import TestSupport
import Testing

/// `backlog top` over a history that holds what a current exporter serves besides the queues:
/// the info and reductions series (the verdict) and the per-type sums and counts (process types).
@Suite struct TopVerdictAndTypesTests {
    let directory: String
    let db: String
    let start = 1_764_000_000

    init() throws {
        directory = NSTemporaryDirectory() + "backlog-top-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        db = "\(directory)/backlog.db"
    }

    /// Five minutes at 10 s on chat3: chat_router grows by 1,000 per sample, waiting in
    /// gen:do_call/4 at 3 reductions/s from the first minute on; 10,000 sessions hold 3,000,000
    /// messages between them.
    func importHistory() throws -> CommandRun {
        let labels = #"instance="h3:9199",job="chat""#
        var families: [String: [String]] = [:]
        for step in 0..<30 {
            let t = start + step * 10
            let stuck = step >= 6
            families["erlang_process_message_queue_len", default: []].append(
                #"erlang_process_message_queue_len{\#(labels),name="chat_router",pid="<0.212.0>",initial_call="chat_router:init/1"} \#(step * 300) \#(t)"#)
            families["erlang_process_info", default: []].append(
                #"erlang_process_info{\#(labels),pid="<0.212.0>",current_function="\#(stuck ? "gen:do_call/4" : "gen_server:loop/7")",status="\#(stuck ? "waiting" : "runnable")"} 1 \#(t)"#)
            families["erlang_process_reductions_per_second", default: []].append(
                #"erlang_process_reductions_per_second{\#(labels),name="chat_router",pid="<0.212.0>",initial_call="chat_router:init/1"} \#(stuck ? 3 : 5000) \#(t)"#)
            families["erlang_process_type_message_queue_len_sum", default: []].append(
                #"erlang_process_type_message_queue_len_sum{\#(labels),initial_call="chat_session:init/1"} 3000000 \#(t)"#)
            families["erlang_process_type_processes", default: []].append(
                #"erlang_process_type_processes{\#(labels),initial_call="chat_session:init/1"} 10000 \#(t)"#)
            families["erlang_node_info", default: []].append(#"erlang_node_info{\#(labels),node="chat3@host",otp_release="26"} 1 \#(t)"#)
        }
        var lines: [String] = []
        for (name, samples) in families.sorted(by: { $0.key < $1.key }) {
            lines.append("# TYPE \(name) gauge")
            lines += samples
        }
        lines.append("# EOF")
        let file = "\(directory)/fleet.om"
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        return try CommandRun.backlog(["import", file, "--db", db])
    }

    @Test func theReasonCarriesTheVerdictAndTypesRankAgainstTheirOwnThreshold() throws {
        let imported = try importHistory()
        #expect(imported.status == 0, "\(imported.stderr)")
        let at = "\(start + 290)"
        let json = try CommandRun.backlog(["top", "--db", db, "--at", at, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        // The type first: 3,000,000 against 100,000. Then chat_router, stuck since +60 s: 3m50s.
        #expect(json.stdout.contains(#""reason":"chat_session:init/1 ×10,000 on chat3@host: 3,000,000 queued, steady, over 100,000 for 4m50s""#),
                "\(json.stdout)")
        #expect(json.stdout.contains(#""processes":10000"#))
        #expect(json.stdout.contains(#"reaches 10,000 in ~"#) && json.stdout.contains(#"— stuck in gen:do_call/4 for 3m50s","#), "\(json.stdout)")
        #expect(json.stdout.contains(#""verdict":"stuck","current_function":"gen:do_call/4","verdict_seconds":230"#), "\(json.stdout)")

        let raised = try CommandRun.backlog(["top", "--db", db, "--at", at, "--type-threshold", "5000000"])
        #expect(raised.status == 0, "\(raised.stderr)")
        let rows = raised.stdout.split(separator: "\n").map(String.init)
        #expect(rows.count == 4, "\(rows)")
        #expect(rows[2].contains("chat_router"), "under its threshold the type ranks after the approaching router: \(rows)")
        #expect(rows[3].contains("chat_session:init/1 ×10,000"), "\(rows)")
    }
}
