import Testing
import Dashboard

@Suite struct NodeDetailViewTests {
    @Test func healthHistoryAndTheNodesProcesses() {
        let state = DashboardState(mode: .node("chat7@host"))
        let buffer = DashboardScreen(model: SampleModel.model, state: state, appearance: .plain).render(width: 60, height: 14)
        expectGrid(buffer, """
         backlog  2/3 nodes up  59,334 queued  1 firing  poll 1s  c~
        - Node chat7@host (up) -------------------------------------
         run queue        48!                                  _.-#
         queued       50,214!                                   _.=
         schedulers      93%                                    =*#
         memory      3.4 GiB                                    ==+
         scrape         12ms                                    ===
         processes   ############............... 120,000 of 262,144
        - Processes on chat7@host (2) ------------------------------
        Process            Queue  Growth  Peak 1m Trend      Alert
        chat_router       48,210 +1.2k/s   48,210       _:=# FIRING
        <0.1203.0>         2,004   -15/s    2,100        ---

         Esc back  q quit  / filter  s sort  p pause  Enter process~
        """)
    }

    @Test func aNodeThatIsGoneSaysSo() {
        let state = DashboardState(mode: .node("chat9@host"))
        let lines = DashboardScreen(model: SampleModel.model, state: state).render(width: 60, height: 14).lines
        #expect(lines[1].hasPrefix("─ Node chat9@host"))
        #expect(lines[2].hasPrefix(" This node is no longer reported."))
    }

    @Test func aDownNodeShowsWhy() {
        let state = DashboardState(mode: .node("chat1@host"))
        let lines = DashboardScreen(model: SampleModel.model, state: state).render(width: 60, height: 14).lines
        #expect(lines[1].hasPrefix("─ Node chat1@host (down: connection refused)"))
        #expect(lines.contains { $0.hasPrefix("muc_room_42") })
    }

    @Test func theSelectionAndPageSizeFollowTheNodesList() {
        let state = DashboardState(mode: .node("chat7@host"), detailSelection: 1)
        let screen = DashboardScreen(model: SampleModel.model, state: state)
        let buffer = screen.render(width: 60, height: 14)
        #expect(buffer[x: 2, y: 11].style.attributes.contains(.reverse))
        let context = screen.selectionContext(width: 60, height: 14)
        #expect(context.detailProcessCount == 2)
        #expect(context.pageSize == 3)
    }

    @Test func helpOverlayDrawsOverTheView() {
        let state = DashboardState(showsHelp: true)
        let lines = DashboardScreen(model: SampleModel.model, state: state, appearance: .plain).render(width: 60, height: 16).lines
        #expect(lines.contains { $0.contains("| q  Ctrl-C          quit") })
        #expect(lines.contains { $0.contains("+ Keys -") })
    }
}

@Suite struct NodeBreakdownTests {
    @Test func processTypesAndDistributionLinksShowWhenTheNodeExportsThem() {
        var model = SampleModel.model
        model.nodes[0].processTypes = [
            ProcessTypeRow(initialCall: "chat_session:init/1", queued: 3_000_000, largestQueue: 300, processes: 10_000),
            ProcessTypeRow(initialCall: "muc_room:init/1", queued: 1_200, largestQueue: 900, processes: 3),
        ]
        model.nodes[0].links = [DistributionLinkRow(peer: "chat3@host", queuedBytes: 2_097_152, isBusy: true),
                                DistributionLinkRow(peer: "chat1@host", queuedBytes: 0)]
        let state = DashboardState(mode: .node("chat7@host"))
        let buffer = DashboardScreen(model: model, state: state, appearance: .plain).render(width: 80, height: 20)
        expectGrid(buffer, """
         backlog  2/3 nodes up  59,334 queued  1 firing  poll 1s  cycle 12ms
        - Node chat7@host (up) ---------------------------------------------------------
         run queue        48!                                                      _.-#
         queued       50,214!                                                       _.=
         schedulers      93%                                                        =*#
         memory      3.4 GiB                                                        ==+
         scrape         12ms                                                        ===
         processes   ##############................. 120,000 of 262,144
        - Process types and distribution links -----------------------------------------
         chat_session:init/1  10,000 processes  3,000,000 queued  longest 300
         muc_room:init/1      3 processes  1,200 queued  longest 900
         links chat3@host 2 MiB busy!  chat1@host 0 B
        - Processes on chat7@host (2) --------------------------------------------------
        Process                        Queue  Growth  Peak 1m Trend              Alert
        chat_router                   48,210 +1.2k/s   48,210               _:=# FIRING
        <0.1203.0>                     2,004   -15/s    2,100                ---



         Esc back  q quit  / filter  s sort  p pause  Enter process  ? help
        """)
        // A short screen keeps three process rows and drops the breakdown first.
        let short = DashboardScreen(model: model, state: state, appearance: .plain).render(width: 80, height: 14).lines
        #expect(!short.contains { $0.contains("Process types") })
        #expect(short.contains { $0.hasPrefix("<0.1203.0>") })
    }
}
