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
