/// What a simulated process is doing at a second, which sets its status, stack and reductions
/// rate in `/process` and in `erlang_process_reductions_per_second`.
enum ProcessActivity: Sendable, Equatable {
    /// Blocked elsewhere (the stalled `chat_router` in `gen:do_call/4`): waiting, next to no
    /// reductions, while its mailbox grows.
    case blocked
    /// Working through a backlog after a stall or a burst: runnable, hundreds of thousands of
    /// reductions a second.
    case busy
    /// Keeping up with steady traffic: runnable with messages waiting, else waiting in its loop;
    /// a few thousand reductions a second.
    case steady
    /// Nothing to do: waiting (or hibernating), no reductions.
    case idle

    /// Status as `process_info` reports it: a steady process with messages waiting is runnable.
    func status(queueLength: Int) -> String { statusBytes(queueLength: queueLength).description }

    /// The status, as the bytes an exposition body carries.
    func statusBytes(queueLength: Int) -> StaticString {
        switch self {
        case .blocked, .idle: "waiting"
        case .busy: "runnable"
        case .steady: queueLength > 0 ? "runnable" : "waiting"
        }
    }
}

extension FleetSimulation {
    /// What process `index` of node `node` is doing at `second`, given its queue length then.
    func activity(ofProcess index: Int, onNode node: Int, atSecond second: Int, length: Int) -> ProcessActivity {
        if index == stalledProcess, let stall = script.stall, node == stall.node {
            switch stall.growth.phase(at: script.cycleSecond(second)) {
            case .rising: return .blocked
            case .falling: return .busy
            case nil: break
            }
        }
        switch roster.behavior(of: index) {
        case .idle: return length > 0 ? .steady : .idle
        case .bursty: return burstLength(node: node, index: index, second: second) > 0 ? .busy : .steady
        case .quiet, .churning, .respawning: return length > 0 ? .steady : .idle
        }
    }

    /// Reductions per second over the last scan interval for an activity.
    func reductionsPerSecond(_ activity: ProcessActivity, process index: Int, node: Int, second: Int) -> Int {
        switch activity {
        case .blocked: noise.value(in: 1...5, .reductions, node, index, second)
        case .busy: noise.value(in: 250_000...400_000, .reductions, node, index, second)
        case .steady: noise.value(in: 1_500...6_000, .reductions, node, index, second)
        case .idle: 0
        }
    }
}
