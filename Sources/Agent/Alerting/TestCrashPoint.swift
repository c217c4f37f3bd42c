import Foundation

/// A test-only crash point. In debug builds, `BACKLOG_TEST_KILL_BEFORE_ENQUEUE=1` makes the
/// agent `kill -9` itself after the dispatcher handed over notifications and before they reach
/// the outbox — the instant a crash could lose most — so the restart path is tested against a
/// real process. Release builds compile it away.
enum TestCrashPoint {
    static func beforeEnqueue(_ notifications: Int) {
        #if DEBUG
        guard notifications > 0, ProcessInfo.processInfo.environment["BACKLOG_TEST_KILL_BEFORE_ENQUEUE"] == "1" else { return }
        kill(getpid(), SIGKILL)
        #endif
    }
}
