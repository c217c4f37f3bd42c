import Foundation
import Probe
import Synchronization
import TestSupport
import Testing
import TimeSeries

/// The poll loop on its own thread, against loopback servers, with a targets file that changes.
@Suite struct ScrapeLoopTests {
    final class Cycles: Sendable {
        let received = Mutex<[ScrapeCycle]>([])
        var count: Int { received.withLock { $0.count } }
        var all: [ScrapeCycle] { received.withLock { $0 } }
    }

    @Test func pollsEveryTargetEachCycleAndPicksUpTargetsFileChanges() async throws {
        let file = NSTemporaryDirectory() + "backlog-loop-\(UUID().uuidString).yml"
        try await withLoopbackServers([.ok("q{pid=\"a\"} 1\n"), .ok("q{pid=\"b\"} 2\n")]) { servers in
            try "- targets: ['127.0.0.1:\(servers[0].port)']\n".write(toFile: file, atomically: true, encoding: .utf8)
            // A long interval costs no wall time on the manual clock, and its timeout (80% of it) leaves
            // loopback scrapes on a loaded machine all the time they need.
            let config = ScrapeConfig(interval: .seconds(10), groups: [
                TargetGroup(job: "static", endpoints: ["127.0.0.1:\(servers[1].port)"], labels: Labels(["dc": "ams"])),
                TargetGroup(job: "filed", targetsFile: file),
            ])
            let clock = ManualClock()
            let cycles = Cycles()
            let loop = ScrapeLoop(config: config, clock: clock) { cycle in cycles.received.withLock { $0.append(cycle) } }
            loop.start()
            // The clock stands on the grid, so the first cycle runs at once; then the loop waits.
            #expect(await clock.blocked())
            #expect(cycles.count == 1)
            #expect(clock.nextDeadline == clock.epoch + .seconds(10))
            clock.advance(by: .seconds(10))
            #expect(await clock.blocked())
            #expect(cycles.count == 2)
            try "- targets: ['127.0.0.1:\(servers[0].port)', '127.0.0.1:\(LoopbackPort.unused())']\n"
                .write(toFile: file, atomically: true, encoding: .utf8)
            clock.advance(by: .seconds(10))
            #expect(await clock.blocked())
            loop.stop()
            clock.advance(by: .seconds(30))
            #expect(cycles.count == 3, "no cycle runs after stop() returns")

            let all = cycles.all
            #expect(all.map(\.timestamp) == [0, 10, 20].map { clock.epoch + .seconds($0) }, "cycles start on the interval grid")
            let first = all[0]
            #expect(first.scrapes.map(\.target.job) == ["static", "filed"])
            #expect(first.scrapes.allSatisfy { $0.isUp })
            #expect(first.scrapes[0].samples.first?.labels["dc"] == "ams")
            let last = try #require(all.last)
            #expect(last.scrapes.count == 3, "the new target from the changed file is polled")
            #expect(last.scrapes[2].isUp == false)
            #expect(last.scrapes[0].isUp && last.scrapes[1].isUp, "a down target costs the others nothing")
        }
    }

    @Test func ticksASlowCycleOverranAreSkippedAndCounted() async throws {
        try await withLoopbackServers([.ok("q 1\n")]) { servers in
            let config = ScrapeConfig(interval: .millis(200), groups: [TargetGroup(job: "j", endpoints: ["127.0.0.1:\(servers[0].port)"])])
            let clock = ManualClock()
            let cycles = Cycles()
            let loop = ScrapeLoop(config: config, clock: clock) { cycle in cycles.received.withLock { $0.append(cycle) } }
            loop.start()
            #expect(await clock.blocked())
            // The tick at 200 ms is due; by the time it ran, 1 s had passed: 400, 600 and 800 are missed.
            clock.advance(by: .seconds(1))
            #expect(await clock.blocked())
            loop.stop()
            #expect(cycles.all.map(\.timestamp) == [0, 200, 1000].map { clock.epoch + .millis($0) })
            #expect(loop.missedTicks == 3)
        }
    }

    @Test func aCycleIsAStepThatNeedsNoThread() async throws {
        try await withLoopbackServers([.ok("q 7\n")]) { servers in
            let config = ScrapeConfig(interval: .seconds(15), groups: [TargetGroup(job: "j", endpoints: ["127.0.0.1:\(servers[0].port)"])])
            let cycles = Cycles()
            let loop = ScrapeLoop(config: config) { cycle in cycles.received.withLock { $0.append(cycle) } }
            loop.runCycle(at: Timestamp(milliseconds: 42_000))
            loop.stop()
            let cycle = try #require(cycles.all.first)
            #expect(cycles.count == 1)
            #expect(cycle.timestamp == Timestamp(milliseconds: 42_000))
            #expect(cycle.scrapes.first?.samples.first?.value == 7)
        }
    }
}
