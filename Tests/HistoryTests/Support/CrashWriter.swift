import Foundation
import TestSupport

/// The `history-crash-writer` helper running as a child process, with its `committed N` lines.
final class CrashWriter {
    let process = Process()
    private let output = Pipe()
    private var buffer = Data()
    /// The last cycle the child reported as committed.
    private(set) var lastCommitted = -1

    /// The helper sits next to the test bundle in the build directory.
    static var executable: URL { BuiltProduct.url("history-crash-writer") }

    init(path: String, series: Int, chunkSamples: Int, maxCycles: Int = Int.max) throws {
        process.executableURL = Self.executable
        process.arguments = [path, "\(series)", "\(chunkSamples)", "\(maxCycles)"]
        process.standardOutput = output
        try process.run()
    }

    /// Reads output until the child reported `cycle` or exited; returns the last committed cycle.
    @discardableResult
    func wait(forCycle cycle: Int) -> Int {
        while lastCommitted < cycle {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            buffer.append(data)
            while let newline = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...newline)
                if line.hasPrefix("committed "), let number = Int(line.dropFirst(10)) { lastCommitted = number }
            }
        }
        return lastCommitted
    }

    /// SIGKILL, as a crash or the OOM killer would end an agent.
    func kill() {
        _ = Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
