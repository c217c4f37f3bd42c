import Foundation

/// Polls `condition` until it holds or `timeout` real seconds pass; true when it held.
///
/// For tests against real processes (erl, tmux, a subprocess agent), which run on their own
/// time: the deadline is generous and only bounds a broken test, and nothing is concluded from
/// how long the wait took. In-process loops take a `ManualClock` instead.
public func waitUntil(timeout: Double = 30, pollEvery interval: Double = 0.02, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date(timeIntervalSinceNow: timeout)
    while true {
        if try condition() { return true }
        if Date() >= deadline { return false }
        Thread.sleep(forTimeInterval: interval)
    }
}

/// `waitUntil` for async tests: polls `condition` until it holds, and throws `WaitTimedOut`
/// naming `what` once `timeout` (real time, generous: it only bounds a broken test) has passed.
public func waitUntil(
    _ what: @autoclosure () -> String, timeout: Duration = .seconds(120), pollEvery interval: Duration = .milliseconds(20),
    _ condition: () throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while try !condition() {
        guard ContinuousClock.now < deadline else { throw WaitTimedOut(what: what(), timeout: timeout) }
        try await Task.sleep(for: interval)
    }
}

/// A test waited for something that did not happen within its deadline.
public struct WaitTimedOut: Error, CustomStringConvertible {
    public var what: String
    public var timeout: Duration
    public var description: String { "gave up after \(timeout) waiting until \(what)" }
}
