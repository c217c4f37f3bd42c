import History
import TestSupport
import Testing
import TimeSeries

@Suite struct CompressionTests {
    let directory = TemporaryDirectory()

    /// One simulated hour at 1 s; the whole file after a flush and checkpoint, divided by samples.
    @Test func fleetLikeHourCostsUnderTwoAndAHalfBytesPerSample() throws {
        let store = try HistoryStore(path: directory.file())
        var workload = FleetGauges(nodes: 4)
        for second in Int64(0)..<3600 {
            let time = Timestamp(milliseconds: 1_700_000_000_000 + second * 1000)
            try store.append(workload.cycle(at: time), at: time)
        }
        try store.flush()
        let stats = try store.stats()
        #expect(stats.sampleCount == workload.seriesCount * 3600)
        #expect(stats.bytesPerSample < 2.5, "\(stats.fileBytes) bytes for \(stats.sampleCount) samples")
        print("history bytes per sample: \(stats.bytesPerSample)")
    }
}
