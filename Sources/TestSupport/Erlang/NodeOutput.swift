import Foundation

/// Collects a node's output on background threads: control-channel lines (those starting
/// with `\u{1}backlog-`) in a queue for `next(prefix:timeout:)`, everything else as a short
/// log tail for error messages.
final class NodeOutput: @unchecked Sendable {
    private static let channelPrefix = "\u{1}backlog-"
    private static let tailLines = 40

    /// What waiting for a channel line ended with.
    enum Wait {
        case line(String)
        case timedOut
        case closed
    }

    private let condition = NSCondition()
    private var channel: [String] = []
    private var tail: [String] = []
    private var stdoutClosed = false

    init(stdout: FileHandle, stderr: FileHandle) {
        Thread { [self] in pump(stdout, isStdout: true) }.start()
        Thread { [self] in pump(stderr, isStdout: false) }.start()
    }

    /// The last lines the node printed outside the channel, newest last.
    var recent: String {
        condition.lock()
        defer { condition.unlock() }
        return tail.joined(separator: "\n")
    }

    /// The next channel line, without `prefix`; lines with another prefix are skipped.
    func next(prefix: String, timeout: Duration) -> Wait {
        let deadline = Date().addingTimeInterval(timeout.seconds)
        condition.lock()
        defer { condition.unlock() }
        while true {
            while !channel.isEmpty {
                let line = channel.removeFirst()
                if line.hasPrefix(prefix) { return .line(String(line.dropFirst(prefix.count))) }
                remember(line)
            }
            if stdoutClosed { return .closed }
            if !condition.wait(until: deadline) { return .timedOut }
        }
    }

    private func pump(_ handle: FileHandle, isStdout: Bool) {
        var partial = Data()
        while true {
            let data = handle.availableData
            if data.isEmpty { break }
            partial.append(data)
            var lines: [String] = []
            while let newline = partial.firstIndex(of: UInt8(ascii: "\n")) {
                lines.append(String(decoding: partial[partial.startIndex..<newline], as: UTF8.self))
                partial.removeSubrange(partial.startIndex...newline)
            }
            deliver(lines, fromStdout: isStdout)
        }
        condition.lock()
        if isStdout { stdoutClosed = true }
        condition.broadcast()
        condition.unlock()
    }

    private func deliver(_ lines: [String], fromStdout: Bool) {
        guard !lines.isEmpty else { return }
        condition.lock()
        defer { condition.unlock() }
        for line in lines {
            if fromStdout && line.hasPrefix(Self.channelPrefix) { channel.append(line) } else { remember(line) }
        }
        condition.broadcast()
    }

    /// Caller holds the lock.
    private func remember(_ line: String) {
        tail.append(line)
        if tail.count > Self.tailLines { tail.removeFirst(tail.count - Self.tailLines) }
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
