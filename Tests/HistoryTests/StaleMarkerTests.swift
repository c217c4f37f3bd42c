import History
import TestSupport
import Testing
import TimeSeries

/// Staleness markers are a NaN with a payload: the store must give back exactly those bits, from
/// the open head and from written chunks alike, or queries would read them as plain NaN values.
@Suite struct StaleMarkerTests {
    let directory = TemporaryDirectory()

    @Test func markersSurviveTheHeadAChunkCutAndAReopen() throws {
        let path = directory.file()
        let labels = Labels([Label(Labels.metricName, "erlang_process_message_queue_len"), Label("pid", "<0.1.0>")])
        let start: Int64 = 1_700_000_000_000
        let values: [Double] = [5, Sample.staleMarker, 7, .nan, Sample.staleMarker]
        do {
            let store = try HistoryStore(path: path, options: HistoryOptions(chunkSamples: 3))
            for (offset, value) in values.enumerated() {
                let time = Timestamp(milliseconds: start + Int64(offset) * 1000)
                try store.append([Sample(labels: labels, value: value, timestamp: time)], at: time)
            }
            let live = try #require(try store.select([.equal(Labels.metricName, labels.name)], from: Timestamp(milliseconds: start), through: Timestamp(milliseconds: start + 10_000)).first)
            #expect(live.values.map(\.bitPattern) == values.map(\.bitPattern))
            store.close()
        }
        let reader = try HistoryReader(path: path)
        let stored = try #require(try reader.select([.equal(Labels.metricName, labels.name)], from: Timestamp(milliseconds: start), through: Timestamp(milliseconds: start + 10_000)).first)
        #expect(stored.values.map(\.bitPattern) == values.map(\.bitPattern))
        #expect(stored.values.map(Sample.isStaleMarker) == [false, true, false, false, true])
    }
}
