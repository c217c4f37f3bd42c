// Appends poll cycles to a history file until killed, printing `committed N` after each commit.
// The history tests kill it with SIGKILL mid-run and check that every committed cycle survived.
import History
import TimeSeries

#if canImport(Glibc)
import Glibc
#endif

let arguments = CommandLine.arguments
guard arguments.count >= 3, let seriesCount = Int(arguments[2]) else {
    print("usage: history-crash-writer FILE SERIES [CHUNK_SAMPLES] [MAX_CYCLES]")
    exit(2)
}
let chunkSamples = arguments.count > 3 ? Int(arguments[3]) ?? 120 : 120
let maxCycles = arguments.count > 4 ? Int(arguments[4]) ?? Int.max : Int.max

/// Writes a line straight to stdout (unbuffered), so the test sees each commit as it happens.
func report(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(1, $0.baseAddress, bytes.count) }
}

do {
    let store = try HistoryStore(path: arguments[1], options: HistoryOptions(chunkSamples: chunkSamples))
    let labels = (0..<seriesCount).map { Labels(["__name__": "crash_gauge", "series": "s\($0)"]) }
    var cycle = 0
    while cycle < maxCycles {
        // Cycle N stores value N in every series at N seconds, so a reader can check completeness.
        let time = Timestamp(milliseconds: Int64(cycle) * 1000)
        let samples = labels.map { Sample(labels: $0, value: Double(cycle), timestamp: time) }
        try store.append(samples, at: time)
        report("committed \(cycle)")
        cycle += 1
    }
    store.close()
} catch {
    report("error \(error)")
    exit(1)
}
