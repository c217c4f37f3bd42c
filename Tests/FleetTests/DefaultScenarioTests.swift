import Fleet
import Testing
import TimeSeries

@Suite struct DefaultScenarioTests {
    let simulation = FleetSimulation(config: FleetConfig(nodeCount: 10), epoch: Timestamp(milliseconds: 1_700_000_000_000))
    /// chat3, chat2 and chat5, counted from 0.
    let growingNode = 2
    let surgingNode = 1
    let downNode = 4

    @Test func theRouterOnChat3GrowsPastTenThousandAfterAboutAMinute() throws {
        let router = try #require(simulation.processIndex(named: "chat_router"))
        let lengths = [30, 60, 90].map { simulation.queueLength(ofProcess: router, onNode: growingNode, atSecond: $0) }
        #expect(lengths[0] < lengths[1] && lengths[1] < lengths[2])
        let growth = (5..<165).map { simulation.queueLength(ofProcess: router, onNode: growingNode, atSecond: $0) }
        #expect(zip(growth, growth.dropFirst()).allSatisfy { $0 < $1 }, "grows every second")
        let crossing = try #require((0..<180).first { simulation.queueLength(ofProcess: router, onNode: growingNode, atSecond: $0) >= 10_000 })
        #expect((70...75).contains(crossing))
    }

    /// The shipped `ErlangProcessBacklog` rule pages on a mailbox over 10,000 `for: 1m`; the demo
    /// polls every second and its webhook has no `group_wait`, so 90 s over the threshold leaves
    /// half a minute of margin for the page to fire, and the drop below it resolves the page.
    @Test(arguments: 0..<3) func everyCycleTheRouterStaysOverTheThresholdLongEnoughToPageThenDrops(cycle: Int) throws {
        let router = try #require(simulation.processIndex(named: "chat_router"))
        let start = cycle * 180
        let over = (start..<(start + 180)).filter { simulation.queueLength(ofProcess: router, onNode: growingNode, atSecond: $0) > 10_000 }
        let first = try #require(over.first)
        let last = try #require(over.last)
        #expect(over.count == last - first + 1, "over the threshold in one stretch")
        #expect(over.count >= 90, "over 10,000 for \(over.count) s")
        #expect(last - start < 175, "under it again before the cycle ends")
        #expect(simulation.queueLength(ofProcess: router, onNode: growingNode, atSecond: start + 179) <= 50)
    }

    @Test func theGrowingRouterIsExportedAsBlockedInACall() throws {
        let state = simulation.nodeState(growingNode, atSecond: 90)
        let top = try #require(state.processes.first)
        #expect(top.name == "chat_router")
        #expect(top.currentFunction == "gen:do_call/4")
        #expect(top.initialCall == "chat_router:init/1")
        #expect(top.length >= 10_000)
        #expect(state.queues.max == top.length)
    }

    /// chat4's link to chat6 stays busy long enough for the shipped ErlangDistributionLinkBusy
    /// rule (`for: 1m`) to page, and queues long enough for ErlangDistributionBacklog (queued at
    /// every reading of a minute, then `for: 1m`) to warn; every other link drains within
    /// seconds, so neither rule goes even pending for it.
    @Test(arguments: 0..<2) func chat4sLinkToChat6BacksUpLongEnoughToPageThenDrains(cycle: Int) throws {
        let start = cycle * 180
        func link(_ node: Int, _ peer: Int, _ second: Int) -> DistributionLink? {
            simulation.nodeState(node, atSecond: second).distributionLinks.first { $0.peer == simulation.nodeName(peer) }
        }
        let busy = (start..<(start + 180)).filter { link(3, 5, $0)?.isBusy == true }
        let first = try #require(busy.first), last = try #require(busy.last)
        #expect(busy.count == last - first + 1, "busy in one stretch")
        #expect(busy.count >= 100, "busy for \(busy.count) s")
        let queued = (start..<(start + 180)).filter { (link(3, 5, $0)?.queuedBytes ?? 0) > 0 }
        #expect(queued.count >= 130, "bytes queued for \(queued.count) s")
        #expect((160..<180).allSatisfy { (link(3, 5, start + $0)?.queuedBytes ?? 0) < 10_000 }, "drained before the cycle ends")
        for (node, peer) in [(3, 4), (5, 3), (0, 1)] {
            let longest = (start..<(start + 180)).reduce(into: (run: 0, best: 0)) { streak, second in
                streak.run = (link(node, peer, second)?.queuedBytes ?? 0) > 0 ? streak.run + 1 : 0
                streak.best = max(streak.best, streak.run)
            }.best
            #expect(longest < 30, "chat\(node + 1) to chat\(peer + 1) holds bytes at most briefly")
            #expect((start..<(start + 180)).allSatisfy { link(node, peer, $0)?.isBusy != true })
        }
    }

    @Test func theRouterDrainsAndTheStoryRepeats() throws {
        let router = try #require(simulation.processIndex(named: "chat_router"))
        #expect(simulation.queueLength(ofProcess: router, onNode: growingNode, atSecond: 176) <= 50)
        #expect(simulation.queueLength(ofProcess: router, onNode: growingNode, atSecond: 180 + 90) >= 10_000)
        #expect(simulation.queueLength(ofProcess: router, onNode: 0, atSecond: 90) <= 50, "only chat3's router stalls")
    }

    @Test func burstsDrainBackNearZero() {
        var bursts = 0
        for node in 0..<3 {
            for process in 0..<simulation.processCount {
                let lengths = (0..<200).map { simulation.queueLength(ofProcess: process, onNode: node, atSecond: $0) }
                if node == growingNode, simulation.processIndex(named: "chat_router") == process { continue }
                for second in 0..<180 where lengths[second] >= 150 && lengths[second + 1] < lengths[second] {
                    bursts += 1
                    #expect(lengths[(second + 1)...(second + 15)].contains { $0 <= 50 }, "node \(node) process \(process) at \(second)")
                }
            }
        }
        #expect(bursts > 10, "the default scenario has bursts to drain")
    }

    @Test func mostMailboxesStaySmall() {
        let state = simulation.nodeState(0, atSecond: 50)
        let buckets = state.queues.cumulativeCounts
        #expect(Double(buckets[2]) / Double(buckets.last!) > 0.99, "≤ 100 messages")
        #expect(state.queues.max < 1_000)
    }

    @Test func chat5IsDownFromSixtyToNinetySeconds() {
        #expect(simulation.isUp(node: downNode, atSecond: 59))
        #expect((60..<90).allSatisfy { !simulation.isUp(node: downNode, atSecond: $0) })
        #expect(simulation.isUp(node: downNode, atSecond: 90))
        #expect(!simulation.isUp(node: downNode, atSecond: 180 + 75), "again in the next cycle")
        #expect((0..<180).allSatisfy { simulation.isUp(node: 0, atSecond: $0) })
    }

    @Test func chat2sRunQueueClimbsAndRecovers() {
        let runQueues = [25, 40, 70, 100, 130, 149].map { simulation.nodeState(surgingNode, atSecond: $0).vm.runQueueLength }
        #expect(zip(runQueues, runQueues.dropFirst()).allSatisfy { $0 < $1 }, "\(runQueues)")
        #expect(runQueues.last! >= 50)
        #expect(simulation.nodeState(surgingNode, atSecond: 170).vm.runQueueLength <= 3)
        #expect(simulation.nodeState(surgingNode, atSecond: 120).vm.schedulerUtilization > 0.95)
        #expect((0..<180).allSatisfy { simulation.nodeState(0, atSecond: $0).vm.runQueueLength <= 3 })
    }

    @Test func nodesAreNamedAfterTheBindHost() {
        let named = FleetSimulation(config: FleetConfig(nodeCount: 2, bindHost: "10.0.0.7"), epoch: Timestamp(milliseconds: 0))
        #expect(named.nodeName(0) == "chat1@10.0.0.7")
        #expect(simulation.nodeState(4, atSecond: 0).nodeName == "chat5@127.0.0.1")
    }

    @Test func aSmallFleetSkipsTheIncidentsOfMissingNodes() {
        let small = FleetSimulation(config: FleetConfig(nodeCount: 2, processesPerNode: 10), epoch: Timestamp(milliseconds: 0))
        let state = small.nodeState(1, atSecond: 100)
        #expect(state.vm.processCount == 10)
        #expect(state.processes.count == 10)
    }
}

@Suite struct RegisteredNameTests {
    @Test func noNodeEverExportsTwoProcessesUnderOneRegisteredName() {
        // Erlang allows one process per registered name on a node; dashboards key rows on it.
        let simulation = FleetSimulation(config: FleetConfig(nodeCount: 5), epoch: Timestamp(milliseconds: 1_700_000_000_000))
        for node in 0..<5 {
            for second in stride(from: 0, to: 180, by: 3) {
                let names = simulation.nodeState(node, atSecond: second).processes.map(\.name).filter { !$0.isEmpty }
                #expect(Set(names).count == names.count, "node \(node) at second \(second): \(names)")
            }
        }
    }
}
