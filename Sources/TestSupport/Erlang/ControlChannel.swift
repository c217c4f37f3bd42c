import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A running `erl` process and the stdin/stdout channel its control module serves.
///
/// One expression is in flight at a time. Stopping closes stdin, which halts the node; if it
/// is still alive after a grace period it gets SIGKILL.
final class ControlChannel: @unchecked Sendable {
    private let process: Process
    private let input: FileHandle
    private let output: NodeOutput
    private let evalLock = NSLock()
    private let stateLock = NSLock()
    private var stopped = false

    /// `node()` and the OTP release, from the node's ready line.
    let node: String
    let otpRelease: String

    /// Launches `erl` with `arguments` (after `erl` itself) and waits for the ready line.
    init(erlArguments arguments: [String], timeout: Duration) throws(ErlangNodeError) {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["erl"] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        input = stdin.fileHandleForWriting
        output = NodeOutput(stdout: stdout.fileHandleForReading, stderr: stderr.fileHandleForReading)
        do {
            try process.run()
        } catch {
            throw .toolMissing("/usr/bin/env")
        }
        switch output.next(prefix: ControlModule.readyMarker, timeout: timeout) {
        case .line(let line):
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            node = parts.first ?? ""
            otpRelease = parts.count > 1 ? parts[1] : ""
        case .timedOut:
            let recent = output.recent
            Self.terminate(process, input: input)
            throw .nodeDidNotStart(output: "no ready line within \(timeout); \(recent)")
        case .closed:
            Self.terminate(process, input: input)
            if process.terminationStatus == 127 { throw .toolMissing("erl") }
            throw .nodeDidNotStart(output: output.recent)
        }
    }

    deinit { stop() }

    /// Evaluates one expression (newlines become spaces; a final `.` is added if missing) and
    /// returns the value as Erlang prints it on one line (`~0tp`).
    func eval(_ expression: String, timeout: Duration) throws(ErlangNodeError) -> String {
        evalLock.lock()
        defer { evalLock.unlock() }
        var line = expression.replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
        if !line.hasSuffix(".") { line += "." }
        do {
            try input.write(contentsOf: Data((line + "\n").utf8))
        } catch {
            throw .nodeExited(output: output.recent)
        }
        switch output.next(prefix: ControlModule.resultMarker, timeout: timeout) {
        case .line(let reply) where reply.hasPrefix("ok "):
            return String(reply.dropFirst(3))
        case .line(let reply):
            throw .evalFailed(expression: expression, reason: String(reply.dropFirst("error ".count)))
        case .timedOut:
            // A late answer would be taken for the next one's: the channel is unusable now.
            let recent = output.recent
            stop()
            throw .timedOut(waitingFor: expression, output: recent)
        case .closed:
            throw .nodeExited(output: output.recent)
        }
    }

    /// The last lines the node printed outside the channel.
    var recentOutput: String { output.recent }

    /// Halts the node and waits for it; safe to call more than once.
    func stop() {
        stateLock.lock()
        let first = !stopped
        stopped = true
        stateLock.unlock()
        if first { Self.terminate(process, input: input) }
    }

    private static func terminate(_ process: Process, input: FileHandle) {
        try? input.close()
        let deadline = Date().addingTimeInterval(3)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
