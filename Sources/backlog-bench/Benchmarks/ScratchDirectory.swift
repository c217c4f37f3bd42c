import Foundation

/// A folder of the benchmark's own under the temporary directory, removed when `body` returns
/// unless `BACKLOG_BENCH_KEEP` is set (to look at the history files a run left, say).
func withScratchDirectory<Result>(_ name: String, _ body: (String) throws -> Result) rethrows -> Result {
    let directory = NSTemporaryDirectory() + "backlog-bench-\(name)-\(getpid())"
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer {
        if ProcessInfo.processInfo.environment["BACKLOG_BENCH_KEEP"] == nil {
            try? FileManager.default.removeItem(atPath: directory)
        } else {
            print("kept \(directory)")
        }
    }
    return try body(directory)
}
