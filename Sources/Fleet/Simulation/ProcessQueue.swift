/// One exported process: who it is and how many messages wait in its mailbox.
public struct ProcessQueue: Sendable {
    /// The process's index in its node's roster; stable across seconds.
    public let index: Int
    /// The middle number of the pid, `<0.N.0>`.
    public let pidNumber: Int
    /// Messages waiting in the mailbox.
    public let length: Int
    let role: ProcessRole
    /// Whether the process is blocked, which shows in its `current_function`.
    let stalled: Bool
    /// Reductions per second over the last scan, as `erlang_process_reductions_per_second` reports.
    public let reductionsPerSecond: Int

    init(index: Int, pidNumber: Int, length: Int, role: ProcessRole, stalled: Bool, reductionsPerSecond: Int = 0) {
        self.index = index
        self.pidNumber = pidNumber
        self.length = length
        self.role = role
        self.stalled = stalled
        self.reductionsPerSecond = reductionsPerSecond
    }

    public var pid: String { "<0.\(pidNumber).0>" }
    /// The registered name, or "".
    public var name: String { role.name }
    public var initialCall: String { role.initialCall }
    public var currentFunction: String { stalled ? role.stalledFunction : role.currentFunction }

    var currentFunctionBytes: [UInt8] { stalled ? role.stalledFunctionBytes : role.currentFunctionBytes }
}
