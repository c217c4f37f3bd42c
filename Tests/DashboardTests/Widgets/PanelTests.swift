import Testing
import Dashboard

@Suite struct PanelTests {
    @Test func aBoxWithATitle() {
        var buffer = Buffer(width: 16, height: 4)
        let inner = Panel(title: "Next bottleneck").draw(in: buffer.area, into: &buffer)
        #expect(inner == Rect(x: 1, y: 1, width: 14, height: 2))
        expectGrid(buffer, """
        ┌ Next bottle… ┐
        │              │
        │              │
        └──────────────┘
        """)
    }

    @Test func aTitleRuleAndTheASCIIFallback() {
        var buffer = Buffer(width: 14, height: 5)
        let rule = Panel(title: "Nodes", borders: .top, symbols: .ascii).draw(in: Rect(x: 0, y: 0, width: 14, height: 2), into: &buffer)
        #expect(rule == Rect(x: 0, y: 1, width: 14, height: 1))
        Panel(title: "Box", symbols: .ascii).draw(in: Rect(x: 0, y: 2, width: 8, height: 3), into: &buffer)
        expectGrid(buffer, """
        - Nodes ------

        + Box -+
        |      |
        +------+
        """)
    }

    @Test func gaugeStatusLineAndHelpOverlay() {
        var buffer = Buffer(width: 24, height: 8)
        Gauge(ratio: 0.5, label: "50%").draw(in: Rect(x: 0, y: 0, width: 14, height: 1), into: &buffer)
        Gauge(ratio: 2, symbols: .ascii).draw(in: Rect(x: 15, y: 0, width: 4, height: 1), into: &buffer)
        StatusLine(left: "backlog 3/3 up", right: "PAUSED").draw(in: Rect(x: 0, y: 1, width: 24, height: 1), into: &buffer)
        StatusLine(left: "backlog 3/3 up", right: "PAUSED").draw(in: Rect(x: 0, y: 2, width: 18, height: 1), into: &buffer)
        HelpOverlay(entries: [("q", "quit"), ("/", "filter")]).draw(in: Rect(x: 0, y: 3, width: 24, height: 5), into: &buffer)
        expectGrid(buffer, """
        █████░░░░░ 50% ####
        backlog 3/3 up    PAUSED
        backlog 3/3 up
             ┌ Keys ─────┐
             │ q  quit   │
             │ /  filter │
             └───────────┘

        """)
    }
}
