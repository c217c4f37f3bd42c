import Dashboard
import Testing
import TimeSeries

@Suite struct ProcessDetailViewTests {
    static let session = ProcessIdentity(node: "chat7@host", pid: "<0.1203.0>", initialCall: "chat_session:init/1",
                                         instance: "chat7:9199")

    static var stuck: ProcessEvidenceSummary {
        ProcessEvidenceSummary(
            verdict: "stuck", verdictReason: "waiting at 0 reductions/s, queue growing +150/s at 2,004", status: "waiting",
            reductionsPerSecond: 0, currentFunction: "gen:do_call/4", initialCall: "chat_session:init/1", messageQueueLength: 2_004,
            stack: ["gen:do_call/4 (gen.erl:237)", "gen_server:call/3 (gen_server.erl:385)", "chat_session:handle_info/2 (chat_session.erl:88)"],
            ageSeconds: 2)
    }

    static func model(evidence: EvidenceState) -> DashboardModel {
        var model = SampleModel.model
        model.processes[2].process = session
        let queue = (0..<5).map { ChartPoint(time: Timestamp(milliseconds: 1_000_000 + Int64($0) * 1000), value: Double(2100 - $0 * 24)) }
        model.openProcess = OpenProcess(process: session, queue: queue, evidence: evidence)
        return model
    }

    @Test func theQueueTheVerdictAndTheStack() {
        let state = DashboardState(mode: .process(Self.session, fromNode: nil))
        let buffer = DashboardScreen(model: Self.model(evidence: .shown(Self.stuck)), state: state, appearance: .plain)
            .render(width: 72, height: 20)
        expectGrid(buffer, """
         backlog  2/3 nodes up  59,334 queued  1 firing  poll 1s  cycle 12ms
        - Process chat_session:init/1 <0.1203.0> on chat7@host -----------------
         2,004 queued  -15/s  peak 2,100 in the last minute
        - Queue ----------------------------------------------------------------
        5k+
          |
          |*********************************************************************
         0+
          ++----------------+----------------+----------------+----------------+
          -4s              -3s              -2s              -1s             now
        - Evidence from chat7:9199 ---------------------------------------------
         STUCK — waiting at 0 reductions/s, queue growing +150/s at 2,004
         status waiting  0 reductions/s  in gen:do_call/4  asked 2s ago  starte~
         Stack
           gen:do_call/4 (gen.erl:237)
           gen_server:call/3 (gen_server.erl:385)
           chat_session:handle_info/2 (chat_session.erl:88)


         Esc back  n node  q quit  p pause  ? help
        """)
    }

    @Test func whileAskingAndWhenTheNodeCannotSay() {
        let state = DashboardState(mode: .process(Self.session, fromNode: "chat7@host"))
        let asking = DashboardScreen(model: Self.model(evidence: .fetching(from: "chat7:9199")), state: state).render(width: 72, height: 20)
        #expect(asking.lines.contains { $0.hasPrefix(" Asking chat7:9199 for the process's status and stack") })
        let reason = "chat7:9199's exporter has no /process endpoint: update it (exporters/erlang)"
        let refused = DashboardScreen(model: Self.model(evidence: .unavailable(reason: reason)), state: state).render(width: 100, height: 20)
        #expect(refused.lines.contains { $0.hasPrefix(" No evidence: \(reason)") })
    }

    @Test func aProcessNoLongerReportedSaysSo() {
        let gone = ProcessIdentity(node: "chat7@host", pid: "<0.9.0>", instance: "chat7:9199")
        let state = DashboardState(mode: .process(gone, fromNode: nil))
        let lines = DashboardScreen(model: SampleModel.model, state: state).render(width: 72, height: 20).lines
        #expect(lines[1].hasPrefix("─ Process <0.9.0> on chat7@host"))
        #expect(lines[2].hasPrefix(" No longer reported"))
    }
}
