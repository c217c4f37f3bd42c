extension FleetSimulation {
    /// The mailbox length of any process, exported or not, at a simulated second.
    public func queueLength(ofProcess index: Int, onNode node: Int, atSecond second: Int) -> Int {
        precondition((0..<roster.count).contains(index), "process \(index) is not in a roster of \(roster.count)")
        let second = max(0, second)
        if index >= roster.poolStart {
            return sparkles(node: node, second: second).first { $0.index == index }?.length ?? 0
        }
        return queue(ofProcess: index, behavior: roster.behavior(of: index), node: node, second: second).length
    }

    /// The length of a process outside the idle pool, and whether it is blocked.
    func queue(ofProcess index: Int, behavior: QueueBehavior, node: Int, second: Int) -> (length: Int, stalled: Bool) {
        if index == stalledProcess, let stall = script.stall, node == stall.node {
            let jitterDraw = noise.value(in: 0...(stall.jitter - 1), .stallJitter, node, second)
            if let scripted = stall.length(atCycleSecond: script.cycleSecond(second), jitterDraw: jitterDraw) {
                return scripted
            }
        }
        switch behavior {
        case .idle:
            return (0, false)
        case .quiet(let ceiling):
            return (quietLength(ceiling: ceiling, node: node, index: index, second: second), false)
        case .bursty(let baseline):
            let quiet = quietLength(ceiling: baseline, node: node, index: index, second: second)
            return (quiet + burstLength(node: node, index: index, second: second), false)
        case .churning(let range), .respawning(let range):
            return (noise.value(in: range, .hot, node, index, second), false)
        }
    }

    /// The few idle-pool processes that hold a message or two this second, without repeats.
    ///
    /// Drawn rather than evaluated one by one, so a node of 5,000 processes costs what 70 do.
    func sparkles(node: Int, second: Int) -> [(index: Int, length: Int)] {
        guard roster.poolCount > 0 else { return [] }
        let draws = Int(noise.bits(.sparkleCount, node, second) % 6)
        var found: [(index: Int, length: Int)] = []
        for draw in 0..<draws {
            let bits = noise.bits(.sparkle, node, second, draw)
            let index = roster.poolStart + Int(bits % UInt64(roster.poolCount))
            guard !found.contains(where: { $0.index == index }) else { continue }
            found.append((index, 1 + Int((bits >> 40) % 3)))
        }
        return found
    }

    /// `<0.N.0>`: pids rise with start order, with gaps where short-lived processes came and went.
    ///
    /// A respawning process is a new process every second: its pid comes after every pid of the
    /// seconds before (each second takes a fresh block of the roster's size), so none repeats.
    func pidNumber(ofProcess index: Int, onNode node: Int, atSecond second: Int) -> Int {
        guard case .respawning = roster.behavior(of: index) else {
            return 64 + index * 4 + Int(noise.bits(.pid, node, index) % 4)
        }
        let spawn = max(0, second) * roster.count + index
        return 64 + spawn * 4 + Int(noise.bits(.pid, node, spawn) % 4)
    }

    /// Mostly a few messages, occasionally up to `ceiling`: the cube skews the draw towards zero.
    private func quietLength(ceiling: Int, node: Int, index: Int, second: Int) -> Int {
        let draw = noise.value(in: 0...1000, .quiet, node, index, second)
        return ceiling * draw * draw * draw / 1_000_000_000
    }

    /// Time runs in windows of 20–40 s per process; in about a third of them the process takes a burst
    /// of 150–600 messages that builds over 2–4 s and drains over 6–12 s, always inside the window.
    func burstLength(node: Int, index: Int, second: Int) -> Int {
        var rhythm = noise.generator(.burstShape, node, index)
        let window = Int.random(in: 20...40, using: &rhythm)
        let shifted = second + Int.random(in: 0..<window, using: &rhythm)
        let bits = noise.bits(.burstWindow, node, index, shifted / window)
        guard bits % 100 < 30 else { return 0 }
        let peak = 150 + Int((bits >> 8) % 451)
        let rise = 2 + Int((bits >> 20) % 3)
        let drain = 6 + Int((bits >> 24) % 7)
        let start = Int((bits >> 32) % UInt64(window - rise - drain + 1))
        let offset = shifted % window - start
        switch offset {
        case 0..<rise: return peak * (offset + 1) / rise
        case rise..<(rise + drain): return peak * (rise + drain - offset - 1) / drain
        default: return 0
        }
    }
}
