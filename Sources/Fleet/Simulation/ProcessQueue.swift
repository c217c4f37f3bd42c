/// One exported process: who it is, how many messages wait in its mailbox, and what it is doing.
public struct ProcessQueue: Sendable {
    /// The process's index in its node's roster; stable across seconds.
    public let index: Int
    /// The middle number of the pid, `<0.N.0>`.
    public let pidNumber: Int
    /// Messages waiting in the mailbox.
    public let length: Int
    let role: ProcessRole
    /// What the process is doing, which shows in its `current_function` and `status`.
    let activity: ProcessActivity
    /// Reductions per second over the last scan, as `erlang_process_reductions_per_second` reports.
    public let reductionsPerSecond: Int

    init(index: Int, pidNumber: Int, length: Int, role: ProcessRole, activity: ProcessActivity, reductionsPerSecond: Int = 0) {
        self.index = index
        self.pidNumber = pidNumber
        self.length = length
        self.role = role
        self.activity = activity
        self.reductionsPerSecond = reductionsPerSecond
    }

    public var pid: String { "<0.\(pidNumber).0>" }
    /// The registered name, or "".
    public var name: String { role.name }
    public var initialCall: String { role.initialCall }
    /// Where the process is, as `erlang_process_info` and `/process` give it: the innermost frame.
    public var currentFunction: String { String(decoding: currentFunctionBytes, as: UTF8.self) }
    /// `status` as `process_info` reports it.
    public var status: String { activity.status(queueLength: length) }

    var currentFunctionBytes: [UInt8] {
        switch activity {
        case .blocked: role.stalledFunctionBytes
        case .busy: role.handlerFunctionBytes
        case .steady, .idle: role.currentFunctionBytes
        }
    }
}
