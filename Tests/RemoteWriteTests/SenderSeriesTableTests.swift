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
            #expect(table.wireLabels(ofRow: row).map(Array.init) == WriteRequestEncoder.SeriesLabels(Labels(["id": "\(id)"])).bytes,
                     "an id is added once")
        }
        for missing: Int64 in [0, 5, 8, 499, 503, 899_999, 900_001, -1, .max, .min] {
            #expect(table.row(of: missing) == nil, "\(missing)")
        }
    }

    @Test func droppedSeriesHaveNoLabels() {
        var table = SenderSeriesTable()
        table.add(id: 1, labels: WriteRequestEncoder.SeriesLabels(Labels(["a": "1"])))
        table.add(id: 2, labels: nil)
        #expect(table.labelSize[0] > 0)
        #expect(table.wireLabels(ofRow: 1) == nil)
    }

    @Test func aBatchWithEachSeriesOnceKeepsTheEntriesOrder() {
        var table = SenderSeriesTable()
        for id: Int64 in 0..<4 { table.add(id: id, labels: WriteRequestEncoder.SeriesLabels(Labels(["id": "\(id)"]))) }
        table.add(id: 4, labels: nil)
        // Series 3, unknown, 1, dropped, 0, 2: each once.
        let grouping = group(&table, rows: [3, -1, 1, 4, 0, 2], timestamps: [1, 2, 3, 4, 5, 6])
        #expect(grouping.rows == [3, 1, 0, 2])
        #expect(grouping.starts == [0, 1, 2, 3, 4])
        #expect(grouping.order == [0, 2, 4, 5])
        #expect(grouping.newest == 6)
        #expect(grouping.droppedAsUnknown == 1 && grouping.droppedByRelabelling == 1)
    }

    @Test func groupsABatchBySeriesInFirstAppearanceOrderAndCountsWhatItDrops() {
        var table = SenderSeriesTable()
        table.add(id: 10, labels: WriteRequestEncoder.SeriesLabels(Labels(["a": "1"])))
        table.add(id: 11, labels: nil)
        table.add(id: 12, labels: WriteRequestEncoder.SeriesLabels(Labels(["a": "2"])))
        // Entries: series 12, 10, unknown, 12, dropped, 10, 12.
        let rows: [Int32] = [2, 0, -1, 2, 1, 0, 2]
        let grouping = group(&table, rows: rows, timestamps: [5, 6, 99, 7, 98, 8, 9])
        #expect(grouping.rows == [2, 0])
        #expect(grouping.starts == [0, 3, 5])
        #expect(grouping.order == [0, 3, 6, 1, 5])
        #expect(grouping.newest == 9, "the entries dropped do not count")
        #expect(grouping.droppedAsUnknown == 1)
        #expect(grouping.droppedByRelabelling == 1)
        let next = group(&table, rows: [0], timestamps: [10])
        #expect(next.rows == [0] && next.starts == [0, 1], "every batch starts its slots over")
    }

    func group(_ table: inout SenderSeriesTable, rows: [Int32], timestamps: [Int64]) -> SenderSeriesTable.Grouping {
        timestamps.withUnsafeBufferPointer { table.group(rows: rows, timestamps: $0) }
    }
}
