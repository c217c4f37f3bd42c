/// Why an `ErlangNode` could not be started or could not answer.
public enum ErlangNodeError: Error, Sendable, CustomStringConvertible {
    /// `erl` or `erlc` is not installed (Debian: `erlang-nox`).
    case toolMissing(String)
    /// `erlc` rejected a module; `output` is what it printed.
    case compileFailed(module: String, output: String)
    /// The node exited or never printed its ready line; `output` is its last lines.
    case nodeDidNotStart(output: String)
    /// The node stopped answering within the timeout, or exited.
    case timedOut(waitingFor: String, output: String)
    case nodeExited(output: String)
    /// The expression raised; `reason` is `{Class, Reason}` as Erlang prints it.
    case evalFailed(expression: String, reason: String)
    /// The exporter did not start or did not answer on its port in time.
    case exporterUnavailable(String)

    public var description: String {
        switch self {
        case .toolMissing(let tool): "\(tool) not found on PATH (install erlang-nox)"
        case .compileFailed(let module, let output): "erlc \(module) failed: \(output)"
        case .nodeDidNotStart(let output): "erl did not start: \(output)"
        case .timedOut(let what, let output): "timed out waiting for \(what); node output: \(output)"
        case .nodeExited(let output): "erl exited; output: \(output)"
        case .evalFailed(let expression, let reason): "\(expression) raised \(reason)"
        case .exporterUnavailable(let reason): "exporter unavailable: \(reason)"
        }
    }
}
