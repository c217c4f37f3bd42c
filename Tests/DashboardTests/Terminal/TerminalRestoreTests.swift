import Foundation
import TestSupport
import Testing

/// The `dashboard-terminal-probe` helper takes over a pseudo-terminal and then dies in various
/// ways; whatever the way, the terminal must come back cooked, with the normal screen and a
/// visible cursor, and the process must still die of its signal.
@Suite struct TerminalRestoreTests {
    static var probe: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("dashboard-terminal-probe")
    }

    /// Runs the probe in `mode`; once it reports ready, `afterReady` may signal it. Returns how it ended.
    func run(_ mode: String, terminal: PseudoTerminal, afterReady: (Process) -> Void = { _ in }) throws -> (reason: Process.TerminationReason, status: Int32) {
        let process = Process()
        process.executableURL = Self.probe
        process.arguments = [terminal.subordinatePath, mode]
        // The runtime's crash reporter takes seconds to symbolicate; the restore is what is under test.
        process.environment = ["SWIFT_BACKTRACE": "enable=no"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let ready = output.fileHandleForReading.availableData
        #expect(String(decoding: ready, as: UTF8.self).hasPrefix("ready"))
        afterReady(process)
        // A probe that does not die must not hang the suite.
        if !waitUntil(timeout: 20, { !process.isRunning }) {
            Issue.record("probe \(mode) still running")
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        return (process.terminationReason, process.terminationStatus)
    }

    @Test(arguments: [("crash", [SIGILL, SIGTRAP]), ("fault", [SIGSEGV]), ("abort", [SIGABRT])])
    func crashesRestoreTheTerminal(mode: String, signals: [Int32]) throws {
        let terminal = try PseudoTerminal()
        let ending = try run(mode, terminal: terminal)
        #expect(ending.reason == .uncaughtSignal)
        #expect(signals.contains(ending.status))
        expectRestored(terminal)
    }

    @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
    func signalsRestoreTheTerminal(signal: Int32) throws {
        let terminal = try PseudoTerminal()
        let ending = try run("wait", terminal: terminal) { kill($0.processIdentifier, signal) }
        #expect(ending.reason == .uncaughtSignal)
        #expect(ending.status == signal)
        expectRestored(terminal)
    }

    @Test func aNormalExitRestoresTheTerminal() throws {
        let terminal = try PseudoTerminal()
        let ending = try run("exit", terminal: terminal)
        #expect(ending.reason == .exit && ending.status == 0)
        expectRestored(terminal)
    }

    func expectRestored(_ terminal: PseudoTerminal, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(terminal.isCooked, "termios restored", sourceLocation: sourceLocation)
        let output = terminal.output()
        let frame = output.range(of: "frame")
        let restore = output.range(of: "\u{1B}[?25h\u{1B}[?1049l")
        #expect(frame != nil && restore != nil, "restore sequence written", sourceLocation: sourceLocation)
        if let frame, let restore { #expect(frame.upperBound <= restore.lowerBound, sourceLocation: sourceLocation) }
    }
}
