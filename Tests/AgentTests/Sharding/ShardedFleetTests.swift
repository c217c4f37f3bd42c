import Agent
import Foundation
import Probe
import TestSupport
import Testing
import TimeSeries

/// Agents sharing the simulated fleet by `shard: {total, index}`, in process over loopback: each
/// target is polled by one shard, and a reload moves targets between shards.
@Suite struct ShardedFleetTests {
    static let start = Timestamp(milliseconds: 1_700_000_000_000)

    @Test func fourAgentsPollEveryTargetOnceBetweenThem() async throws {
        let fixture = try await ShardFleetFixture.start(nodes: 16)
        var polledBy: [String: [Int]] = [:]
        for index in 0..<4 {
            let name = "agent\(index)"
            let runtime = AgentRuntime(config: try fixture.config(name, total: 4, index: index), logger: PolledCycles.quietLogger)
            let cycles = PolledCycles(runtime)
            await BlockingWork.run {
                for step in 0..<2 { runtime.runCycle(at: Self.start + .millis(200 * Int64(step))) }
            }
            runtime.stop()
            let mine = fixture.addresses(total: 4, index: index)
            for cycle in cycles.all {
                #expect(cycle.polled == mine, "agent \(index) polls its shard, no more")
                #expect(cycle.up == mine, "every node of the shard answered")
                #expect(cycle.otherShards == Set(fixture.addresses).subtracting(mine))
            }
            for address in cycles.all.last?.polled ?? [] { polledBy[address, default: []].append(index) }
            let metrics = runtime.metrics.render()
            #expect(metrics.contains("\nbacklog_shard_index \(index)\n") && metrics.contains("\nbacklog_shard_total 4\n"), "\(metrics)")
            #expect(metrics.contains("\nbacklog_targets \(mine.count)\n"))
            #expect(metrics.contains("\nbacklog_targets_other_shards \(16 - mine.count)\n"))
            #expect(Set(try fixture.upSeries(name).keys) == mine, "the history holds this shard's targets only")
        }
        #expect(Set(polledBy.keys) == Set(fixture.addresses), "the shards together poll the whole fleet")
        #expect(polledBy.values.allSatisfy { $0.count == 1 }, "no target is polled by two shards: \(polledBy)")
        try await fixture.shutdown()
    }

    @Test func aTargetsFileChangeIsShardedAtTheNextCycle() async throws {
        let fixture = try await ShardFleetFixture.start(nodes: 12)
        let first = Array(fixture.addresses.prefix(6))
        let second = Array(fixture.addresses.suffix(9))
        let mine = fixture.addresses(total: 2, index: 1)
        let path = try fixture.writeTargetsFileConfig("agent", total: 2, index: 1, addresses: first)
        let runtime = AgentRuntime(config: try AgentConfig.load(path: path), logger: PolledCycles.quietLogger)
        let cycles = PolledCycles(runtime)
        await BlockingWork.run { runtime.runCycle(at: Self.start) }
        _ = try fixture.writeTargetsFileConfig("agent", total: 2, index: 1, addresses: second)
        await BlockingWork.run { runtime.runCycle(at: Self.start + .millis(200)) }
        runtime.stop()
        let all = cycles.all
        try #require(all.count == 2)
        #expect(all[0].polled == mine.intersection(first) && all[0].otherShards == Set(first).subtracting(mine))
        #expect(all[1].polled == mine.intersection(second), "the file's new targets in this shard are polled at once")
        #expect(all[1].otherShards == Set(second).subtracting(mine))
        let gone = mine.intersection(first).subtracting(second)
        #expect(Set(all[1].retired.compactMap { $0.labels["instance"] }) == gone, "only this shard's targets that left get markers")
        try await fixture.shutdown()
    }

    @Test func aReloadMovesTargetsBetweenShardsAndMarksTheLeaversStale() async throws {
        let fixture = try await ShardFleetFixture.start(nodes: 12)
        let before = fixture.addresses(total: 2, index: 0)
        let (total, index) = try #require(fixture.reshard(from: 2, 0))
        let after = fixture.addresses(total: total, index: index)
        let left = before.subtracting(after)

        let clock = ManualClock(at: Self.start)
        let runtime = AgentRuntime(config: try fixture.config("agent", total: 2, index: 0), logger: PolledCycles.quietLogger, clock: clock)
        let cycles = PolledCycles(runtime)
        runtime.start()
        #expect(await clock.blocked())
        clock.advance(by: .seconds(5))
        #expect(await clock.blocked())
        runtime.reload(try fixture.config("agent", total: total, index: index))
        for _ in 0..<2 {
            clock.advance(by: .seconds(5))
            #expect(await clock.blocked())
        }
        runtime.stop()

        let all = cycles.all
        try #require(all.count == 4)
        #expect(all[0].polled == before && all[1].polled == before)
        #expect(all[2].polled == after && all[3].polled == after, "the new shard's targets are polled from the next cycle")
        #expect(all[2].up == after, "targets new to this shard answer at once")
        #expect(all[2...].allSatisfy { $0.polled.isDisjoint(with: left) }, "a target that left is polled no more")
        let marked = Set(all[2].retired.compactMap { $0.labels["instance"] })
        #expect(marked == left, "the leavers' series are marked stale in the reload's first cycle")
        #expect(all[2].retired.allSatisfy { $0.isStaleMarker && $0.timestamp == Self.start + .seconds(10) })
        #expect(all[3].retired.isEmpty, "marked once")
        #expect(all[0].retired.isEmpty && all[1].retired.isEmpty)

        for address in left {
            let series = try fixture.exportedSeries("agent", address: address)
            // Every series ends on a marker, none after the reload's cycle; those still live then
            // were marked in it. The simulated fleet runs on the wall clock, so in a slow run a
            // process may have ended (and been marked) in an earlier cycle.
            let reload = (Self.start + .seconds(10)).milliseconds
            #expect(series.contains { $0.timestamps.last == reload }, "\(address) has series marked at the reload")
            for stored in series {
                #expect((stored.timestamps.last ?? .max) <= reload, "\(stored.labels)")
                #expect(stored.values.last.map(Sample.isStaleMarker) == true, "the history holds the marker: \(stored.labels)")
            }
        }
        let metrics = runtime.metrics.render()
        #expect(metrics.contains("\nbacklog_shard_index \(index)\n") && metrics.contains("\nbacklog_shard_total \(total)\n"))
        try await fixture.shutdown()
    }
}
