import Dispatch
import Synchronization

/// Runs API work with a deadline: the answer, or a timeout error once the deadline passes.
///
/// The engine cannot be interrupted, so work past its deadline finishes in the background and
/// its answer is dropped; a bound on the work running at once keeps such leftovers from piling
/// up behind a client that keeps retrying.
final class QueryRunner: Sendable {
    private let slots: DispatchSemaphore
    private let queue = DispatchQueue(label: "backlog.api.queries", attributes: .concurrent)

    init(concurrency: Int) { slots = DispatchSemaphore(value: concurrency) }

    /// The work's result, or `APIError.timeout` when it has not finished within `timeout`.
    func run<Value: Sendable>(
        timeout: Duration, _ work: @escaping @Sendable () throws(APIError) -> Value
    ) throws(APIError) -> Value {
        let deadline = DispatchTime.now() + .nanoseconds(Int(clamping: timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000))
        guard slots.wait(timeout: deadline) == .success else {
            throw .timeout("query timed out in query execution: too many queries are running")
        }
        let result = Outcome<Value>()
        let done = DispatchSemaphore(value: 0)
        queue.async { [slots] in
            defer { slots.signal() }
            let outcome: Result<Value, APIError>
            do throws(APIError) { outcome = .success(try work()) } catch { outcome = .failure(error) }
            result.value.withLock { $0 = outcome }
            done.signal()
        }
        guard done.wait(timeout: deadline) == .success, let outcome = result.value.withLock({ $0 }) else {
            throw .timeout("query timed out in expression evaluation")
        }
        return try outcome.get()
    }
}

/// Where the work leaves its result for the thread waiting on it.
private final class Outcome<Value: Sendable>: Sendable {
    let value = Mutex<Result<Value, APIError>?>(nil)
}
