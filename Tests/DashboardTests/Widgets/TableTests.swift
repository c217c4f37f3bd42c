import Testing
import Dashboard

@Suite struct TableTests {
    let columns = [
        TableColumn("Process", width: .flexible(min: 6, weight: 1)),
        TableColumn("Queue", width: .fixed(7), alignment: .right),
        TableColumn("Trend", width: .fixed(5), dropPriority: 1),
    ]

    var rows: [TableRow] {
        [
            TableRow([.text("chat_router_supervisor"), .text("48,210"), .sparkline([1, 2, 4, 8])]),
            TableRow([.text("presence"), .text("9,120"), .sparkline([8, 4, 2, 1])]),
            TableRow([.text("<0.1203.0>"), .text("2,004"), .sparkline([3, 3, 3])]),
        ]
    }

    @Test func truncatesAlignsAndDrawsSparklines() {
        var buffer = Buffer(width: 28, height: 4)
        Table(columns: columns, rows: rows).draw(in: buffer.area, into: &buffer)
        expectGrid(buffer, """
        Process          Queue Trend
        chat_router_s…  48,210  ▂▂▄▇
        presence         9,120  ▇▄▂▂
        <0.1203.0>       2,004   ▅▅▅
        """)
    }

    @Test func aShortRowsLastCellRunsOnToTheEndOfTheRow() {
        var buffer = Buffer(width: 28, height: 3)
        let short = TableRow([.text("chat1"), .text("down: sample_limit exceeded")])
        Table(columns: columns, rows: [rows[1], short]).draw(in: buffer.area, into: &buffer)
        expectGrid(buffer, """
        Process          Queue Trend
        presence         9,120  ▇▄▂▂
        chat1          down: sample…
        """)
    }

    @Test func dropsColumnsByPriorityWhenNarrow() {
        var buffer = Buffer(width: 16, height: 2)
        Table(columns: columns, rows: rows).draw(in: buffer.area, into: &buffer)
        expectGrid(buffer, """
        Process    Queue
        chat_ro…  48,210
        """)
    }

    @Test func scrollsAndHighlightsTheSelectedRow() {
        var buffer = Buffer(width: 28, height: 3)
        Table(columns: columns, rows: rows, selectedRow: 2, offset: 1, symbols: .ascii).draw(in: buffer.area, into: &buffer)
        expectGrid(buffer, """
        Process          Queue Trend
        presence         9,120  *-..
        <0.1203.0>       2,004   ===
        """)
        #expect((0..<28).allSatisfy { buffer[x: $0, y: 2].style.attributes.contains(.reverse) })
        #expect(!buffer[x: 0, y: 1].style.attributes.contains(.reverse))
    }

    @Test func columnWidthsShareTheSpareByWeight() {
        let widths = Table.columnWidths([
            TableColumn("a", width: .flexible(min: 2, weight: 1)),
            TableColumn("b", width: .fixed(4)),
            TableColumn("c", width: .flexible(min: 2, weight: 2)),
        ], totalWidth: 20, spacing: 1)
        #expect(widths == [6, 4, 8])
    }

    @Test func offsetKeepsTheSelectionInView() {
        #expect(Table.offset(keeping: 0, visibleRows: 5) == 0)
        #expect(Table.offset(keeping: 7, visibleRows: 5) == 3)
        #expect(Table.offset(keeping: 7, visibleRows: 5, current: 4) == 4)
        #expect(Table.offset(keeping: 2, visibleRows: 5, current: 4) == 2)
    }

    @Test func tinyAreasDoNotCrash() {
        for width in 0...8 {
            for height in 0...3 {
                var buffer = Buffer(width: width, height: height)
                Table(columns: columns, rows: rows, selectedRow: 1).draw(in: buffer.area, into: &buffer)
            }
        }
    }
}
