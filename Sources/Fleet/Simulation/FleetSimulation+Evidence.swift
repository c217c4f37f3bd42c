extension FleetSimulation {
    /// The roster index of the process with pid `<0.N.0>` on a node at a second, if one has it.
    public func processIndex(pidNumber number: Int, onNode node: Int, atSecond second: Int) -> Int? {
        guard number >= 64 else { return nil }
        let slot = (number - 64) / 4
        // A respawning roster gives out a fresh block of pids every second (see `pidNumber`).
        let index = isRespawning(0) ? slot - max(0, second) * roster.count : slot
        guard (0..<roster.count).contains(index) else { return nil }
        return pidNumber(ofProcess: index, onNode: node, atSecond: second) == number ? index : nil
    }

    private func isRespawning(_ index: Int) -> Bool {
        if case .respawning = roster.behavior(of: index) { return true }
        return false
    }

    /// What `/process` answers for process `index` of node `node` at `second`.
    public func processEvidence(ofProcess index: Int, onNode node: Int, atSecond second: Int) -> SimulatedProcess {
        let second = max(0, second)
        let role = roster.role(of: index)
        let length = queueLength(ofProcess: index, onNode: node, atSecond: second)
        let activity = self.activity(ofProcess: index, onNode: node, atSecond: second, length: length)
        let rate = reductionsPerSecond(activity, process: index, node: node, second: second)
        let stack = Self.stack(role: role, activity: activity, pooled: index >= roster.poolStart)
        let heap = 233 + noise.value(in: 0...6_000, .heap, node, index)
        let module = Self.module(of: role.initialCall)
        return SimulatedProcess(
            pid: "<0.\(pidNumber(ofProcess: index, onNode: node, atSecond: second)).0>",
            node: nodeName(node),
            name: role.name,
            status: activity.status(queueLength: length),
            messageQueueLen: length,
            reductions: 20_000 + index * 1_337 + second * max(rate, 1),
            reductionsPerSecond: rate,
            currentFunction: stack.first.map { "\($0.module):\($0.function)/\($0.arity)" } ?? role.currentFunction,
            initialCall: role.initialCall,
            ancestors: role.name.isEmpty ? ["\(module)_sup", "chat_sup"] : ["chat_sup", "<0.70.0>"],
            stack: stack,
            links: role.name.isEmpty ? 2 : 1,
            monitors: activity == .blocked ? 1 : 0,
            trapExit: !role.name.isEmpty,
            heapSize: heap,
            stackSize: 6 + stack.count * 4,
            totalHeapSize: heap + length * 6,
            memory: (heap + length * 6) * 8 + 2_400
        )
    }

    /// `chat_router` from `chat_router:init/1`.
    static func module(of mfa: String) -> String { String(mfa.prefix { $0 != ":" }) }

    /// Frames as `process_info(P, current_stacktrace)` gives them for what the process is doing.
    static func stack(role: ProcessRole, activity: ProcessActivity, pooled: Bool) -> [SimulatedProcess.Frame] {
        let module = Self.module(of: role.initialCall)
        let server: [SimulatedProcess.Frame] = [
            .init("gen_server:try_handle_info/3", line: 1_123), .init("gen_server:handle_msg/6", line: 1_200),
            .init("proc_lib:init_p_do_apply/3", line: 241),
        ]
        switch activity {
        case .blocked:
            var frames = [SimulatedProcess.Frame(role.stalledFunction, line: 240)]
            if role.stalledFunction.hasPrefix("gen:") { frames.append(.init("gen_server:call/3", line: 386)) }
            frames.append(.init("\(module):route/2", line: 88))
            frames.append(.init("\(module):handle_info/2", line: 61))
            return frames + server
        case .busy:
            return [.init(role.handlerFunction, line: 61)] + server
        case .steady, .idle:
            if pooled || role.currentFunction.hasPrefix("erlang:hibernate") { return [.init(role.currentFunction, line: 0)] }
            return [.init(role.currentFunction, line: 558), .init("proc_lib:init_p_do_apply/3", line: 241)]
        }
    }
}
