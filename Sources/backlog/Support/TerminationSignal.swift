import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Catches SIGINT and SIGTERM (and any other signals asked for, such as SIGHUP) from the moment it
/// is created, so long-running commands shut down cleanly; create it before announcing readiness,
/// or a quick signal kills the process outright.
///
/// The handler is installed with `sigaction` before `init` returns and only writes the signal
/// number to a pipe (async-signal-safe), so no signal is lost to a handler still being registered.
struct TerminationSignal: Sendable {
    init(also extra: [Int32] = []) { SignalPipe.shared.install([SIGINT, SIGTERM] + extra) }

    /// Suspends until a caught signal arrives (or has arrived) and returns which one.
    func next() async -> Int32 {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: SignalPipe.shared.wait()) }
        }
    }
}

/// The write end of the signal pipe, read by the C signal handler.
// Unsafe on purpose: set once in `SignalPipe.init` before any handler is installed, then only read.
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

/// A self-pipe that turns signals into numbers a thread can read.
// Unchecked: `readEnd` is set once in `init`; `install` runs under `lock`; `wait` only reads.
private final class SignalPipe: @unchecked Sendable {
    static let shared = SignalPipe()
    private var readEnd: Int32 = -1
    private let lock = NSLock()

    private init() {
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            readEnd = ends[0]
            signalPipeWriteEnd = ends[1]
            _ = fcntl(ends[1], F_SETFL, O_NONBLOCK)
        }
    }

    func install(_ signals: [Int32]) {
        lock.lock()
        defer { lock.unlock() }
        for number in signals {
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = { received in
                var byte = UInt8(truncatingIfNeeded: received)
                _ = write(signalPipeWriteEnd, &byte, 1)
            }
            #else
            action.__sigaction_u.__sa_handler = { received in
                var byte = UInt8(truncatingIfNeeded: received)
                _ = write(signalPipeWriteEnd, &byte, 1)
            }
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(number, &action, nil)
        }
    }

    /// Blocks until a signal arrives; returns its number.
    func wait() -> Int32 {
        var byte: UInt8 = 0
        while true {
            let count = read(readEnd, &byte, 1)
            if count == 1 { return Int32(byte) }
            if count < 0 && errno == EINTR { continue }
            return SIGTERM
        }
    }
}
