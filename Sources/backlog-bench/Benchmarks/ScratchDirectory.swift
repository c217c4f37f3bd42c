import Foundation

/// A folder of the benchmark's own under the temporary directory, removed when `body` returns.
func withScratchDirectory<Result>(_ name: String, _ body: (String) throws -> Result) rethrows -> Result {
    let directory = NSTemporaryDirectory() + "backlog-bench-\(name)-\(getpid())"
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    return try body(directory)
}
