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
            let config = ScrapeConfig(interval: .millis(200), groups: [
                TargetGroup(job: "static", endpoints: ["127.0.0.1:\(servers[1].port)"], labels: Labels(["dc": "ams"])),
                TargetGroup(job: "filed", targetsFile: file),
            ])
            let cycles = Cycles()
            let loop = ScrapeLoop(config: config) { cycle in cycles.received.withLock { $0.append(cycle) } }
            loop.start()
            try await waitUntil { cycles.count >= 2 }
            try "- targets: ['127.0.0.1:\(servers[0].port)', '127.0.0.1:\(LoopbackPort.unused())']\n"
                .write(toFile: file, atomically: true, encoding: .utf8)
            let before = cycles.count
            try await waitUntil { cycles.count >= before + 2 }
            loop.stop()
            let stoppedAt = cycles.count
            try await Task.sleep(for: .milliseconds(450))
            #expect(cycles.count == stoppedAt, "no cycle runs after stop() returns")

            let all = cycles.all
            let first = all[0]
            #expect(first.timestamp.milliseconds % 200 == 0, "cycles start on the interval grid")
            #expect(first.scrapes.map(\.target.job) == ["static", "filed"])
            #expect(first.scrapes.allSatisfy { $0.isUp })
            #expect(first.scrapes[0].samples.first?.labels["dc"] == "ams")
            #expect(zip(all, all.dropFirst()).allSatisfy { $1.timestamp.milliseconds - $0.timestamp.milliseconds >= 200 })
            let last = try #require(all.last)
            #expect(last.scrapes.count == 3, "the new target from the changed file is polled")
            #expect(last.scrapes[2].isUp == false)
            #expect(last.scrapes[0].isUp && last.scrapes[1].isUp, "a down target costs the others nothing")
        }
    }

    func waitUntil(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while !condition() {
            try #require(ContinuousClock.now < deadline, "timed out waiting for poll cycles")
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
