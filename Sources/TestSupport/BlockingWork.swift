import NIOPosix

/// Runs blocking calls on threads of their own, as the scrape loop does in production.
///
/// A transport call blocks its thread until every request is done; run from an async test
/// directly it would hold one of Swift concurrency's few shared threads (two on a two-core
/// machine) and starve tests running alongside.
public enum BlockingWork {
    private static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 8)
        pool.start()
        return pool
    }()

    /// Runs `body` on a pool thread and returns its result.
    public static func run<Value: Sendable>(_ body: @escaping @Sendable () -> Value) async -> Value {
        do {
            return try await pool.runIfActive(body)
        } catch {
            // The pool is started once and never shut down, so it is always active.
            fatalError("blocking-work pool is not running: \(error)")
        }
    }
}
