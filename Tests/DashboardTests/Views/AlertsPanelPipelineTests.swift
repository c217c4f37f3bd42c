import Agent
import Alerting
@testable import backlog
import Dashboard
import DashboardFeed
import Foundation
import Testing
import TimeSeries

/// The alerts panel fed by alerts that came out of the rule engine, mapped by the code
/// `backlog watch` and `backlog demo` use, drawn at a fixed size.
@Suite struct AlertsPanelPipelineTests {
    static let end: Int64 = 150

    func screen(_ rows: [AlertRow], width: Int = 120, height: Int = 17) -> Buffer {
        let model = DashboardModelBuilder.model(recent: RecentFleet(metrics: []), interval: .seconds(1), alerts: rows, paused: false)
        return DashboardScreen(model: model, state: DashboardState()).render(width: width, height: height)
    }

    @Test func watchShowsTheEnginesAlertsWithTheirAgesAndWhereTheyWereDelivered() throws {
        let scenario = try MailboxAlertScenario(through: Self.end, withPager: true, down: ["pager"])
        let rows = AlertRows.from(scenario.snapshot, now: Timestamp(milliseconds: Self.end * 1000))
        // Ages count from when each alert went pending. "Sent to" names the receivers that
        // accepted it: oncall took everything; pager (paging alerts only) is down, so the page
        // waits in its queue; pending alerts were sent nowhere.
        expectGrid(screen(rows), """
         backlog  0/0 nodes up  0 queued  2 firing  poll 1s  cycle 0ms
        ─ Next bottleneck ──────────────────────────────────────────────────────────────────────────────────────────────────────
         No backlog stands out.

        ─ Processes (0) ────────────────────────────────────────────────────────────────────────────────────────────────────────
        Process                             Node                         Queue  Growth  Peak 1m Trend                    Alert

        ─ Nodes (0) ────────────────────────────────────────────────────────────────────────────────────────────────────────────
        Node                                  State                                  Procs  RunQ    Memory Sched  Queued  Scrape

        ─ Alerts (4) ───────────────────────────────────────────────────────────────────────────────────────────────────────────
        Alert                                Labels                                           State      Age Sent to
        ErlangProcessBacklog                 name=chat_router pid=<0.501.0> node=chat7@host … FIRING   2m30s oncall +1 queued
        ErlangNodeMessageQueueTotal          node=chat7@host instance=chat7:9199              FIRING   2m30s oncall
        ErlangProcessBacklog                 pid=<0.777.0> node=chat3@host instance=chat3:91… pending    30s -
        ErlangProcessBacklogGrowing          pid=<0.777.0> node=chat3@host instance=chat3:91… pending    15s -
         q quit  / filter  s sort  p pause  Tab focus  Enter open  ? help
        """)
    }

    @Test func watchSaysQueuedWhileNoReceiverHasTheAlert() throws {
        let scenario = try MailboxAlertScenario(through: Self.end, down: ["oncall"])
        let rows = AlertRows.from(scenario.snapshot, now: Timestamp(milliseconds: Self.end * 1000))
        #expect(rows.map(\.queuedFor) == [["oncall"], ["oncall"], [], []])
        #expect(rows.allSatisfy { $0.deliveredTo.isEmpty })
        // "queued" says no receiver has it yet, before any receiver name.
        expectGrid(screen(rows, width: 100), """
         backlog  0/0 nodes up  0 queued  2 firing  poll 1s  cycle 0ms
        ─ Next bottleneck ──────────────────────────────────────────────────────────────────────────────────
         No backlog stands out.

        ─ Processes (0) ────────────────────────────────────────────────────────────────────────────────────
        Process                    Node                    Queue  Growth  Peak 1m Trend              Alert

        ─ Nodes (0) ────────────────────────────────────────────────────────────────────────────────────────
        Node                        State                        Procs  RunQ    Memory Sched  Queued  Scrape

        ─ Alerts (4) ───────────────────────────────────────────────────────────────────────────────────────
        Alert                         Labels                                 State      Age Sent to
        ErlangProcessBacklog          name=chat_router pid=<0.501.0> node=c… FIRING   2m30s queued: oncall
        ErlangNodeMessageQueueTotal   node=chat7@host instance=chat7:9199    FIRING   2m30s queued: oncall
        ErlangProcessBacklog          pid=<0.777.0> node=chat3@host instanc… pending    30s -
        ErlangProcessBacklogGrowing   pid=<0.777.0> node=chat3@host instanc… pending    15s -
         q quit  / filter  s sort  p pause  Tab focus  Enter open  ? help
        """)
    }

    /// The style of the first cell of the "Sent to" text on the line that contains `text`.
    func sentToStyle(_ buffer: Buffer, _ text: String) -> Style? {
        guard let y = buffer.lines.firstIndex(where: { $0.contains(text) }),
            let column = buffer.lines[y].range(of: text).map({ buffer.lines[y].distance(from: buffer.lines[y].startIndex, to: $0.lowerBound) })
        else { return nil }
        return buffer[x: column, y: y].style
    }

    @Test func watchSaysRefusedInTheErrorColourWhenAReceiverRefusedForGood() throws {
        let scenario = try MailboxAlertScenario(through: Self.end, withPager: true, refusing: ["pager"])
        let rows = AlertRows.from(scenario.snapshot, now: Timestamp(milliseconds: Self.end * 1000))
        #expect(rows.map(\.refusedBy) == [["pager"], [], [], []])
        #expect(rows.map(\.queuedFor) == [[], [], [], []], "refused, not queued: nothing retries it")
        // oncall took the page; pager answered 400, which is final.
        let buffer = screen(rows)
        expectGrid(buffer, """
         backlog  0/0 nodes up  0 queued  2 firing  poll 1s  cycle 0ms
        ─ Next bottleneck ──────────────────────────────────────────────────────────────────────────────────────────────────────
         No backlog stands out.

        ─ Processes (0) ────────────────────────────────────────────────────────────────────────────────────────────────────────
        Process                             Node                         Queue  Growth  Peak 1m Trend                    Alert

        ─ Nodes (0) ────────────────────────────────────────────────────────────────────────────────────────────────────────────
        Node                                  State                                  Procs  RunQ    Memory Sched  Queued  Scrape

        ─ Alerts (4) ───────────────────────────────────────────────────────────────────────────────────────────────────────────
        Alert                                Labels                                           State      Age Sent to
        ErlangProcessBacklog                 name=chat_router pid=<0.501.0> node=chat7@host … FIRING   2m30s oncall +1 refused
        ErlangNodeMessageQueueTotal          node=chat7@host instance=chat7:9199              FIRING   2m30s oncall
        ErlangProcessBacklog                 pid=<0.777.0> node=chat3@host instance=chat3:91… pending    30s -
        ErlangProcessBacklogGrowing          pid=<0.777.0> node=chat3@host instance=chat3:91… pending    15s -
         q quit  / filter  s sort  p pause  Tab focus  Enter open  ? help
        """)
        #expect(sentToStyle(buffer, "oncall +1 refused") == Theme.standard.problem)
    }

    @Test func watchSaysRefusedBeforeAnyReceiverName() throws {
        let scenario = try MailboxAlertScenario(through: Self.end, refusing: ["oncall"])
        let rows = AlertRows.from(scenario.snapshot, now: Timestamp(milliseconds: Self.end * 1000))
        let buffer = screen(rows, width: 100)
        expectGrid(buffer, """
         backlog  0/0 nodes up  0 queued  2 firing  poll 1s  cycle 0ms
        ─ Next bottleneck ──────────────────────────────────────────────────────────────────────────────────
         No backlog stands out.

        ─ Processes (0) ────────────────────────────────────────────────────────────────────────────────────
        Process                    Node                    Queue  Growth  Peak 1m Trend              Alert

        ─ Nodes (0) ────────────────────────────────────────────────────────────────────────────────────────
        Node                        State                        Procs  RunQ    Memory Sched  Queued  Scrape

        ─ Alerts (4) ───────────────────────────────────────────────────────────────────────────────────────
        Alert                         Labels                                 State      Age Sent to
        ErlangProcessBacklog          name=chat_router pid=<0.501.0> node=c… FIRING   2m30s refused: oncall
        ErlangNodeMessageQueueTotal   node=chat7@host instance=chat7:9199    FIRING   2m30s refused: oncall
        ErlangProcessBacklog          pid=<0.777.0> node=chat3@host instanc… pending    30s -
        ErlangProcessBacklogGrowing   pid=<0.777.0> node=chat3@host instanc… pending    15s -
         q quit  / filter  s sort  p pause  Tab focus  Enter open  ? help
        """)
        #expect(sentToStyle(buffer, "refused: oncall") == Theme.standard.problem)
    }

    @Test func sentToPutsDeliveredNamesFirstThenRefusedThenQueued() {
        func row(_ name: String, delivered: [String] = [], refused: [String] = [], queued: [String] = []) -> AlertRow {
            AlertRow(name: name, state: .firing, deliveredTo: delivered, refusedBy: refused, queuedFor: queued)
        }
        let buffer = screen([
            row("ErlangProcessBacklog", delivered: ["hook"], refused: ["pager"], queued: ["chat"]),
            row("ErlangProcessBacklog", refused: ["pager"], queued: ["chat"]),
            row("ErlangNodeMessageQueueTotal", delivered: ["hook", "team"], queued: ["chat"]),
            row("ErlangNodeMessageQueueTotal", queued: ["chat", "pager"]),
        ], width: 120)
        // The column stays narrow: what does not fit is cut from the end, so the least urgent
        // part (the queued count) goes first.
        expectGrid(buffer, """
         backlog  0/0 nodes up  0 queued  4 firing  poll 1s  cycle 0ms
        ─ Next bottleneck ──────────────────────────────────────────────────────────────────────────────────────────────────────
         No backlog stands out.

        ─ Processes (0) ────────────────────────────────────────────────────────────────────────────────────────────────────────
        Process                             Node                         Queue  Growth  Peak 1m Trend                    Alert

        ─ Nodes (0) ────────────────────────────────────────────────────────────────────────────────────────────────────────────
        Node                                  State                                  Procs  RunQ    Memory Sched  Queued  Scrape

        ─ Alerts (4) ───────────────────────────────────────────────────────────────────────────────────────────────────────────
        Alert                                Labels                                           State      Age Sent to
        ErlangProcessBacklog                                                                  FIRING      0s hook +1 refused +1…
        ErlangProcessBacklog                                                                  FIRING      0s refused: pager +1 …
        ErlangNodeMessageQueueTotal                                                           FIRING      0s hook,team +1 queued
        ErlangNodeMessageQueueTotal                                                           FIRING      0s queued: chat,pager
         q quit  / filter  s sort  p pause  Tab focus  Enter open  ? help
        """)
        #expect(sentToStyle(buffer, "hook +1 refused") == Theme.standard.problem)
        #expect(sentToStyle(buffer, "refused: pager") == Theme.standard.problem)
        #expect(sentToStyle(buffer, "hook,team") == .plain)
        #expect(sentToStyle(buffer, "queued: chat") == Theme.standard.warning)
    }

    @Test func demoShowsWhatItsWebhookSinkReceived() throws {
        let scenario = try MailboxAlertScenario(through: Self.end)
        let sink = DemoWebhookSink()
        for delivery in scenario.deliveries {
            sink.receive(delivery.payload, at: Date(timeIntervalSince1970: Double(delivery.second)))
        }
        // Ages count from each alert's startsAt, not from when the sink got it: the same ages
        // as watch shows for the same alerts.
        expectGrid(screen(sink.rows(now: Date(timeIntervalSince1970: Double(Self.end)))), """
         backlog  0/0 nodes up  0 queued  2 firing  poll 1s  cycle 0ms
        ─ Next bottleneck ──────────────────────────────────────────────────────────────────────────────────────────────────────
         No backlog stands out.

        ─ Processes (0) ────────────────────────────────────────────────────────────────────────────────────────────────────────
        Process                             Node                         Queue  Growth  Peak 1m Trend                    Alert



        ─ Nodes (0) ────────────────────────────────────────────────────────────────────────────────────────────────────────────
        Node                                  State                                  Procs  RunQ    Memory Sched  Queued  Scrape

        ─ Alerts (2) ───────────────────────────────────────────────────────────────────────────────────────────────────────────
        Alert                                Labels                                           State      Age Sent to
        ErlangNodeMessageQueueTotal          node=chat7@host instance=chat7:9199              FIRING   2m30s demo webhook
        ErlangProcessBacklog                 name=chat_router pid=<0.501.0> node=chat7@host … FIRING   2m30s demo webhook
         q quit  / filter  s sort  p pause  Tab focus  Enter open  ? help
        """)
    }

    @Test func demoKeepsAResolvedAlertAsOk() throws {
        let scenario = try MailboxAlertScenario(through: 260, recovery: 200)
        let sink = DemoWebhookSink()
        for delivery in scenario.deliveries {
            sink.receive(delivery.payload, at: Date(timeIntervalSince1970: Double(delivery.second)))
        }
        // The resolved alert keeps the age of its episode, from its startsAt.
        expectGrid(screen(sink.rows(now: Date(timeIntervalSince1970: 260))), """
         backlog  0/0 nodes up  0 queued  2 firing  poll 1s  cycle 0ms
        ─ Next bottleneck ──────────────────────────────────────────────────────────────────────────────────────────────────────
         No backlog stands out.

        ─ Processes (0) ────────────────────────────────────────────────────────────────────────────────────────────────────────
        Process                             Node                         Queue  Growth  Peak 1m Trend                    Alert


        ─ Nodes (0) ────────────────────────────────────────────────────────────────────────────────────────────────────────────
        Node                                  State                                  Procs  RunQ    Memory Sched  Queued  Scrape

        ─ Alerts (3) ───────────────────────────────────────────────────────────────────────────────────────────────────────────
        Alert                                Labels                                           State      Age Sent to
        ErlangNodeMessageQueueTotal          node=chat7@host instance=chat7:9199              FIRING   4m20s demo webhook
        ErlangProcessBacklog                 pid=<0.777.0> node=chat3@host instance=chat3:91… FIRING   2m20s demo webhook
        ErlangProcessBacklog                 name=chat_router pid=<0.501.0> node=chat7@host … ok       4m20s demo webhook
         q quit  / filter  s sort  p pause  Tab focus  Enter open  ? help
        """)
    }
}
