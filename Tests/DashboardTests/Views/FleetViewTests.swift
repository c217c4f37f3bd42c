import Testing
@testable import Dashboard

@Suite struct FleetViewTests {
    func render(_ state: DashboardState = DashboardState(), model: DashboardModel = SampleModel.model,
                appearance: Appearance = .standard, width: Int = 60, height: Int = 12) -> Buffer {
        DashboardScreen(model: model, state: state, appearance: appearance).render(width: width, height: height)
    }

    @Test func sixtyByTwelve() {
        expectGrid(render(), """
         backlog  2/3 nodes up  59,334 queued  1 firing  poll 1s  c…
        ─ Next bottleneck ──────────────────────────────────────────
         chat_router on chat7@host: 48,210 queued, +1,200/s, over 1…
         queue 48,210  +1.2k/s  threshold 10,000      0-50k ▁▂▃▄▅▇█
        ─ Processes (4) ────────────────────────────────────────────
        Process       Node           Queue  Growth Trend     Alert
        chat_router   chat7@host    48,210 +1.2k/s      ▁▃▅█ FIRING
        presence      chat3@host     9,120  +310/s       ▇▇▇ pending
        ─ Nodes (3, 1 down) ────────────────────────────────────────
        Node        State        Procs  RunQ    Memory Sched  Queued
        chat7@host  up      120k/262k    48!  3.4 GiB   93%     50k!
         q quit  / filter  s sort  p pause  Tab focus  Enter open  …
        """)
    }

    @Test func noColorAndASCII() {
        var state = DashboardState()
        state.paused = true
        expectGrid(render(state, appearance: .plain, width: 60, height: 14), """
         PAUSED  backlog  2/3 nodes up  59,334 queued  1 firing  po~
        - Next bottleneck ------------------------------------------
         chat_router on chat7@host: 48,210 queued, +1,200/s, over 1~
         queue 48,210  +1.2k/s  threshold 10,000      0-50k _.:-=*#
        - Processes (4) --------------------------------------------
        Process       Node           Queue  Growth Trend     Alert
        chat_router   chat7@host    48,210 +1.2k/s      _:=# FIRING
        presence      chat3@host     9,120  +310/s       *** pending
        <0.1203.0>    chat7@host     2,004   -15/s       ---
        muc_room_42   chat1@host     1,500     0/s       +++
        - Nodes (3, 1 down) ----------------------------------------
        Node        State        Procs  RunQ    Memory Sched  Queued
        chat7@host  up      120k/262k    48!  3.4 GiB   93%     50k!
         q quit  / filter  s sort  p pause  Tab focus  Enter open  ~
        """)
    }

    /// The parameter lists of every SGR sequence in `text`.
    func sgrParameters(_ text: String) -> [[Int]] {
        text.split(separator: "\u{1B}").compactMap { chunk in
            guard chunk.hasPrefix("["), let end = chunk.firstIndex(of: "m") else { return nil }
            let body = chunk[chunk.index(after: chunk.startIndex)..<end]
            guard body.allSatisfy({ $0.isNumber || $0 == ";" }) else { return nil }
            return body.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
        }
    }

    @Test func noColorFramesCarryNoColorCodes() {
        let buffer = render(appearance: .plain)
        let bytes = FrameRenderer(colorMode: .noColor).frame(from: nil, to: render(appearance: .standard))
        let parameters = sgrParameters(String(decoding: bytes, as: UTF8.self))
        #expect(!parameters.isEmpty)
        #expect(!parameters.joined().contains { (30...49).contains($0) || (90...107).contains($0) })
        #expect(parameters.joined().contains(7), "the header bar is still reversed")
        var terminal = VirtualTerminal(width: 60, height: 12)
        terminal.apply(bytes)
        #expect(terminal.screen.lines == render(appearance: .standard).lines)
        #expect(sgrParameters(String(decoding: FrameRenderer(colorMode: .color).frame(from: nil, to: buffer), as: UTF8.self))
            .joined().allSatisfy { !(30...49).contains($0) }, "the monochrome theme sets no colors either")
    }

    @Test func filterAndSortChooseTheRows() {
        var state = DashboardState(filter: "CHAT7")
        let filtered = render(state, width: 60, height: 14).lines
        #expect(filtered[4].hasPrefix("─ Processes (2) matching \"CHAT7\""))
        #expect(filtered[6].hasPrefix("chat_router") && filtered[7].hasPrefix("<0.1203.0>"))
        #expect(filtered.contains { $0.hasPrefix("─ Nodes (1)") })
        #expect(filtered.filter { $0.hasPrefix("chat") }.count == 2)
        state = DashboardState(sort: .growth)
        let sorted = render(state, width: 100, height: 18).lines
        #expect(trimmingTrailingSpaces(sorted[0]).hasSuffix("sort: growth"))
        #expect(sorted[4].hasPrefix("─ Processes (4) by growth"))
        #expect(sorted[6...9].map { String($0.prefix(12)) } == ["chat_router ", "presence    ", "muc_room_42 ", "<0.1203.0>  "])
        state = DashboardState(sort: .node)
        let byNode = render(state, width: 60, height: 18).lines
        #expect(byNode[6...9].map { String($0.prefix(12)) } == ["muc_room_42 ", "presence    ", "chat_router ", "<0.1203.0>  "])
    }

    @Test func theFocusedTableHighlightsItsSelection() {
        let buffer = render(DashboardState(focus: .nodes, processSelection: 1, nodeSelection: 0), height: 14)
        #expect(buffer.lines[12].hasPrefix("chat7@host"))
        #expect(buffer[x: 5, y: 12].style.attributes.contains(.reverse))
        #expect(!buffer[x: 5, y: 7].style.attributes.contains(.reverse), "unfocused tables show no selection")
        let processes = render(DashboardState(processSelection: 1), height: 14)
        #expect(processes[x: 5, y: 7].style.attributes.contains(.reverse))
        #expect(processes.lines[4].hasPrefix("─ Processes"))
        #expect(processes[x: 3, y: 4].style.attributes.contains(.reverse), "the focused section's title is reversed")
    }

    @Test func aSelectionPastTheEndShowsTheLastRow() {
        let buffer = render(DashboardState(processSelection: 500), height: 10)
        #expect(buffer.lines[8].hasPrefix("muc_room_42"))
        #expect(buffer[x: 0, y: 8].style.attributes.contains(.reverse))
    }

    @Test func alertsAppearWhenThereIsRoomAndGoFirstWhenThereIsNot() {
        #expect(render(height: 24).lines.contains { $0.hasPrefix("─ Alerts (2)") })
        #expect(!render(height: 13).lines.contains { $0.hasPrefix("─ Alerts") })
        #expect(!render(height: 10).lines.contains { $0.hasPrefix("─ Nodes") })
        #expect(render(height: 10).lines.contains { $0.hasPrefix("─ Processes") })
    }

    @Test func tinyTerminalsShowAMinimalMessage() {
        expectGrid(render(width: 20, height: 5), """
        backlog: enlarge th…
        next: chat_router@c…
        48,210 queued +1.2k…
        2/3 up, 1 firing

        """)
        expectGrid(render(width: 1, height: 1), "…")
    }

    @Test(arguments: [DashboardMode.fleet, .node("chat7@host")])
    func everySizeFromNothingToSmallRenders(mode: DashboardMode) {
        for width in 0...30 {
            for height in 0...12 {
                for showsHelp in [false, true] {
                    let state = DashboardState(mode: mode, showsHelp: showsHelp)
                    let buffer = render(state, width: width, height: height)
                    #expect(buffer.width == width && buffer.height == height)
                    _ = DashboardScreen(model: SampleModel.model, state: state).selectionContext(width: width, height: height)
                }
            }
        }
    }

    @Test func anEmptyModelRenders() {
        let lines = render(model: .empty, height: 12).lines
        #expect(lines[2].hasPrefix(" No backlog stands out."))
        #expect(lines[4].hasPrefix("─ Processes (0)"))
    }

    @Test func selectionContextDescribesTheScreen() {
        let screen = DashboardScreen(model: SampleModel.model, state: DashboardState(filter: "chat3"))
        let context = screen.selectionContext(width: 60, height: 24)
        #expect(context.processCount == 1)
        #expect(context.nodeCount == 1)
        #expect(context.selectedNodeName == "chat3@host")
        #expect(context.selectedProcess?.node == "chat3@host")
        #expect(context.alertCount == 2)
        #expect(context.pageSize > 1)
    }

    @Test func plainTextReportForPipes() {
        let text = PlainTextReport.render(SampleModel.model, width: 70, height: 20)
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("chat_router on chat7@host: 48,210 queued, +1,200/s, over 10,000 for"))
        #expect(!text.split(separator: "\n").contains { $0.hasSuffix(" ") })
    }
}
