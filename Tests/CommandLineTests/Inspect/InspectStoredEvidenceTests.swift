import Foundation
import History
import TestSupport
import Testing
import TimeSeries

/// `backlog inspect` and `top` after the agent stored evidence for an alert: the process has
/// exited (or its node went quiet), and what the alert saw is still there.
@Suite struct InspectStoredEvidenceTests {
    let directory: String
    let db: String
    let fetchedAt = Timestamp(milliseconds: 1_764_000_300_250)
    static let pid = "<0.212.0>"
    static let evidenceJSON = #"""
        {"pid":"<0.212.0>","node":"chat3@host","registered_name":"chat_router","status":"waiting","message_queue_len":6329,
        "reductions_per_second":3,"reductions_per_second_over":"last_scan","current_function":"gen:do_call/4",
        "initial_call":"chat_router:init/1","ancestors":["chat_sup"],"current_stacktrace":[
        {"module":"gen","function":"do_call","arity":4,"file":"gen.erl","line":240},
        {"module":"gen_server","function":"call","arity":3,"file":"gen_server.erl","line":386}]}
        """#

    init() throws {
        directory = NSTemporaryDirectory() + "backlog-inspect-stored-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        db = "\(directory)/backlog.db"
    }

    /// A history with the router's queue over five minutes and the evidence its alert fetched.
    func storeHistory(target: String) throws {
        let store = try HistoryStore(path: db)
        defer { store.close() }
        for step in 0...30 {
            let time = Timestamp(milliseconds: fetchedAt.milliseconds - 300_000 + Int64(step) * 10_000)
            let labels = Labels([
                "__name__": "erlang_process_message_queue_len", "instance": target, "job": "chat", "name": "chat_router",
                "pid": Self.pid,
            ])
            _ = try store.append([Sample(labels: labels, value: Double(step * 211), timestamp: time)], at: time)
        }
        try store.recordEvidence(StoredEvidence(
            target: target, pid: Self.pid, name: "chat_router", fetchedAt: fetchedAt, alert: "HighBacklog", verdict: "stuck",
            verdictReason: "waiting at 3 reductions/s, queue growing +21/s at 6329", json: Self.evidenceJSON))
    }

    func backlog(_ arguments: [String]) throws -> CommandRun { try CommandRun.backlog(arguments, currentDirectory: directory) }

    @Test func anExitedProcessShowsTheEvidenceStoredWhenItsAlertFired() async throws {
        let exporter = try await LoopbackHTTPServer.start { _ in
            .respond(
                status: 404, headers: [("Content-Type", "application/json")],
                body: Array(#"{"error":"no process <0.212.0> on chat3@host: it has exited, or never existed"}"#.utf8))
        }
        defer { Task { await exporter.shutdown() } }
        let target = "127.0.0.1:\(exporter.port)"
        try storeHistory(target: target)

        let run = try backlog(["inspect", target, Self.pid, "--db", db])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "stored evidence from 2025-11-24T16:05:00.250Z (alert HighBacklog, \(db)) — live: "
            + "no process <0.212.0> on \(target): it may have exited", "\(run.stdout)")
        #expect(lines.dropFirst().first == "chat_router <0.212.0> on chat3: stuck — waiting in gen:do_call/4, 6,329 queued, 3 reductions/s")
        #expect(lines.contains("  why     waiting at 3 reductions/s, queue growing +21/s at 6329"))
        #expect(lines.contains("  stack   gen:do_call/4 (gen.erl:240)"))
        #expect(lines.contains("  queue   6,329 messages when fetched"))

        let byName = try backlog(["inspect", target, "chat_router", "--db", db, "--format", "json"])
        #expect(byName.status == 0, "\(byName.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(byName.stdout.utf8)) as? [String: Any])
        #expect((document["verdict"] as? [String: Any])?["kind"] as? String == "stuck")
        let stored = try #require(document["stored"] as? [String: Any])
        #expect(stored["fetched_at"] as? String == "2025-11-24T16:05:00.250Z" && stored["alert"] as? String == "HighBacklog")
        #expect((stored["live_error"] as? String)?.hasPrefix("no process registered as chat_router") == true, "\(stored)")

        let unknown = try backlog(["inspect", target, "<0.99.0>", "--db", db])
        #expect(unknown.status != 0, "no stored evidence of that process: the live error stands")
        #expect(unknown.stderr == "no process <0.99.0> on \(target): it may have exited\n")
    }

    @Test func aNodeThatDoesNotAnswerShowsTheStoredEvidenceAndSaysSo() throws {
        let target = "127.0.0.1:\(LoopbackPort.unused())"
        try storeHistory(target: target)
        let run = try backlog(["inspect", target, Self.pid, "--db", db, "--timeout", "2s"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("stored evidence from 2025-11-24T16:05:00.250Z (alert HighBacklog, \(db)) — live: \(target) does not answer: "),
            "\(run.stdout)")
    }

    @Test func topShowsTheStoredVerdictBesideTheRanking() throws {
        let target = "127.0.0.1:9199"
        try storeHistory(target: target)
        let table = try backlog(["top", "--db", db, "--at", "\(fetchedAt.milliseconds / 1000)"])
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines.dropFirst().first?.hasSuffix("EVIDENCE") == true, "\(table.stdout)")
        #expect(lines.dropFirst(2).first?.hasSuffix("stuck 16:05:00Z") == true, "\(table.stdout)")

        let json = try backlog(["top", "--db", db, "--at", "\(fetchedAt.milliseconds / 1000)", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let stored = try #require(rows.first?["stored_evidence"] as? [String: Any])
        #expect(stored["verdict"] as? String == "stuck" && stored["alert"] as? String == "HighBacklog")
    }
}
