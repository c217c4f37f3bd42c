@testable import RemoteWrite
import Testing
import TimeSeries

/// The sender's table of series: rows by id in any order, dropped series, slots per batch.
@Suite struct SenderSeriesTableTests {
    @Test func findsRowsByIDAddedInAnyOrder() {
        var table = SenderSeriesTable()
        let ids: [Int64] = [500, 502, 7, 900_000, 501, 6]
        for id in ids {
            table.add(id: id, labels: WriteRequestEncoder.SeriesLabels(Labels(["id": "\(id)"])))
        }
        table.add(id: 502, labels: nil)
        for (row, id) in ids.enumerated() {
            #expect(table.row(of: id) == Int32(row))
            #expect(table.labels[row] == WriteRequestEncoder.SeriesLabels(Labels(["id": "\(id)"])), "an id is added once")
        }
        for missing: Int64 in [0, 5, 8, 499, 503, 899_999, 900_001, -1, .max, .min] {
            #expect(table.row(of: missing) == nil, "\(missing)")
        }
    }

    @Test func droppedSeriesHaveNoLabelsAndSlotsStartOverEachBatch() {
        var table = SenderSeriesTable()
        table.add(id: 1, labels: WriteRequestEncoder.SeriesLabels(Labels(["a": "1"])))
        table.add(id: 2, labels: nil)
        #expect(table.labelSize[0] > 0)
        #expect(table.labelSize[1] == -1)
        table.beginBatch()
        #expect(table.slot(of: 0, next: 0) == (0, true))
        #expect(table.slot(of: 0, next: 1) == (0, false))
        #expect(table.slot(of: 1, next: 1) == (1, true))
        table.beginBatch()
        #expect(table.slot(of: 1, next: 0) == (0, true))
        #expect(table.slot(of: 0, next: 1) == (1, true))
    }
}
