import TimeSeries

extension FleetSimulation {
    /// The state of node `node` (from 0) after its scan at a simulated second.
    public func nodeState(_ node: Int, atSecond second: Int) -> NodeState {
        let second = max(0, second)
        var candidates: [Candidate] = []
        candidates.reserveCapacity(roster.poolStart + 6)
        var index = 0
        for group in roster.activeGroups {
            for _ in 0..<group.count {
                let queue = queue(ofProcess: index, behavior: group.behavior, node: node, second: second)
                candidates.append(Candidate(index: index, length: queue.length))
                index += 1
            }
        }
        let sparkled = sparkles(node: node, second: second)
        for sparkle in sparkled {
            candidates.append(Candidate(index: sparkle.index, length: sparkle.length))
        }
        let queues = summarize(candidates)
        let detail = config.scenario.servesProcessDetail
        let types = detail ? ProcessTypeQueues.top(candidates.map { (roster.role(of: $0.index).initialCall, $0.length) }) : []
        candidates.sort { $0.length != $1.length ? $0.length > $1.length : $0.index < $1.index }
        return NodeState(
            node: node,
            nodeName: nodeName(node),
            second: second,
            scanTime: Timestamp(milliseconds: epoch.milliseconds + Int64(second) * 1000),
            isUp: isUp(node: node, atSecond: second),
            processes: exported(candidates, sparkled: sparkled, node: node, second: second),
            queues: queues,
            processTypes: types,
            servesProcessDetail: detail,
            vm: vmGauges(node: node, second: second, queueSum: queues.sum),
            distributionLinks: config.scenario.servesDistribution ? distributionLinks(node: node, second: second) : [],
            servesDistribution: config.scenario.servesDistribution
        )
    }

    /// A process evaluated this second: every process outside the idle pool, and the pool's sparkles.
    struct Candidate {
        let index: Int
        let length: Int
    }

    /// Sum, max and buckets over every process: the pool processes that are not candidates are empty.
    private func summarize(_ candidates: [Candidate]) -> QueueSummary {
        let bounds = QueueSummary.bucketBounds
        var counts = [Int](repeating: 0, count: bounds.count + 1)
        var sum = 0
        var longest = 0
        for candidate in candidates {
            sum += candidate.length
            longest = Swift.max(longest, candidate.length)
            for (bucket, bound) in bounds.enumerated() where candidate.length <= bound {
                counts[bucket] += 1
            }
        }
        let emptyPoolProcesses = roster.count - candidates.count
        for bucket in bounds.indices { counts[bucket] += emptyPoolProcesses }
        counts[bounds.count] = roster.count
        return QueueSummary(sum: sum, max: longest, cumulativeCounts: counts)
    }

    /// The exporter's choice: the top K, every queue at or above the floor, at most `maxSeries`.
    ///
    /// `sorted` is longest first, ties by index; empty pool processes come after all of them in
    /// index order, which is where a full sort of every process would put them too.
    private func exported(_ sorted: [Candidate], sparkled: [(index: Int, length: Int)], node: Int, second: Int) -> [ProcessQueue] {
        let limits = config.exportLimits
        let aboveFloor = sorted.prefix { $0.length >= limits.floor }.count
        let wanted = Swift.min(limits.maxSeries, Swift.max(limits.topK, aboveFloor), roster.count)
        var processes: [ProcessQueue] = []
        processes.reserveCapacity(wanted)
        for candidate in sorted.prefix(wanted) {
            processes.append(processQueue(candidate.index, length: candidate.length, node: node, second: second))
        }
        var poolIndex = roster.poolStart
        while processes.count < wanted, poolIndex < roster.count {
            if !sparkled.contains(where: { $0.index == poolIndex }) {
                processes.append(processQueue(poolIndex, length: 0, node: node, second: second))
            }
            poolIndex += 1
        }
        return processes
    }

    private func processQueue(_ index: Int, length: Int, node: Int, second: Int) -> ProcessQueue {
        let activity = self.activity(ofProcess: index, onNode: node, atSecond: second, length: length)
        let rate = config.scenario.servesProcessDetail ? reductionsPerSecond(activity, process: index, node: node, second: second) : 0
        return ProcessQueue(
            index: index, pidNumber: pidNumber(ofProcess: index, onNode: node, atSecond: second), length: length,
            role: roster.role(of: index), activity: activity, reductionsPerSecond: rate
        )
    }
}
