public import Foundation

/// The running child process of a real-process fixture (an agent, an Alertmanager): started,
/// signalled and waited for from any thread.
public final class ChildProcess: @unchecked Sendable {
    private let lock = NSLock()
    private var process: Process?

    public init() {}

    /// Runs `process` as the current child.
    public func run(_ process: Process) throws {
        try process.run()
        lock.withLock { self.process = process }
    }

    public var current: Process? { lock.withLock { process } }

    public var isRunning: Bool { current?.isRunning ?? false }

    /// `kill -9`: gone at once, nothing saved, flushed or said goodbye to peers.
    public func kill() { signal(SIGKILL) }

    /// SIGTERM, and waits until it exited. Safe to call more than once.
    public func stop() { signal(SIGTERM) }

    /// Waits until the child exits on its own.
    public func waitUntilExit() { current?.waitUntilExit() }

    private func signal(_ number: Int32) {
        guard let process = current else { return }
        if process.isRunning { Foundation.kill(process.processIdentifier, number) }
        process.waitUntilExit()
    }
}
