import Agent
@testable import backlog
import Foundation
import Probe
import Ranking
import TestSupport
import Testing
import TimeSeries

/// The fleet-wide view over sharded agents: four shard agents remote-write the simulated fleet to
/// one real VictoriaMetrics, and what `top --source` and `watch --source` read there is the whole
/// fleet, as one agent polling everything sees it.
// Serialized: each test runs a fleet, a store and five agents on two cores.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: StoreServer.Kind.victoriaMetrics.executable), "victoria-metrics is needed (scripts/install-deps)"))
struct ShardedStoreViewTests {
    static let nodes = 16
    static let shards = 4

    /// `backlog top` at `seconds` into the run, from the history file or from the store.
    func top(_ fixture: ShardedStoreFixture, seconds: Int64, format: String, from origin: [String]) throws -> CommandRun {
        let at = (ShardedStoreFixture.start.milliseconds / 1000) + seconds
        return try CommandRun.backlog(["top", "--at", "\(at)", "--format", format, "--limit", "50"] + origin)
    }

    @Test func topOverTheShardsStoreIsTheTopOfOneAgentPollingEverything() async throws {
        let fixture = try await ShardedStoreFixture.start(nodes: Self.nodes, shards: Self.shards, wholeFleet: true)
        // The default scenario's whole story, 0 to 175 s: chat_router on chat3 climbs past the
        // threshold and drains, chat5 goes down and comes back, bursts come and go (their series
        // leave with staleness markers). Every agent polls the same simulated second at each tick
        // and stamps it with the tick, so the store and whole.db hold the same samples.
        for _ in 0..<35 { try await fixture.step() }
        try await fixture.waitUntilStoreHasLastTick()
        let history = ["--db", "\(fixture.directory)/whole.db"]
        let source = ["--source", fixture.store.url]
        // Over the threshold (150 s), back under it (100 s and 175 s, while and after it drains).
        for seconds: Int64 in [150, 100, 175] {
            for format in ["table", "json"] {
                let local = try top(fixture, seconds: seconds, format: format, from: history)
                let remote = try top(fixture, seconds: seconds, format: format, from: source)
                #expect(local.status == 0 && remote.status == 0, "\(local.stderr)\(remote.stderr)")
                #expect(remote.stdout == local.stdout, "at \(seconds) s as \(format):\n\(remote.stdout)\nwhile one agent saw:\n\(local.stdout)")
            }
        }
        // Many series ended with a staleness marker within the ranking's window (bursts that
        // drained, chat5 while down): the store leaves them out exactly as the history does.
        let at = "\(ShardedStoreFixture.start.milliseconds / 1000 + 150)"
        func count(_ expression: String) throws -> Int? {
            let run = try CommandRun.backlog(["query", "count(\(expression))", "--at", at, "--format", "csv"] + history)
            return run.stdout.split(separator: "\n").last.flatMap { $0.split(separator: ",").last }.flatMap { Int($0) }
        }
        let live = try #require(try count("erlang_process_message_queue_len"))
        let recent = try #require(try count("last_over_time(erlang_process_message_queue_len[5m])"))
        #expect(recent > live + 100, "\(recent) series within 5 minutes, \(live) of them live")
        let table = try top(fixture, seconds: 150, format: "table", from: source).stdout
        let rows = table.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(rows.dropFirst(2).first?.contains("chat_router") == true && rows.dropFirst(2).first?.contains("chat3@") == true, "\(table)")
        let json = try top(fixture, seconds: 150, format: "json", from: source).stdout
        let instances = json.components(separatedBy: "\"instance\":\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        let shardsRanked = Set(instances.map { Shard.index(of: $0, total: Self.shards) })
        #expect(instances.count == 50 && shardsRanked.count >= 2, "the ranking spans the shards: \(shardsRanked) of \(instances.count)")
        try await fixture.shutdown()
    }

    @Test func nodesOfAShardWhoseAgentStoppedAreNotReportingWhileTheOthersStayUp() async throws {
        let fixture = try await ShardedStoreFixture.start(nodes: Self.nodes, shards: Self.shards, wholeFleet: false)
        let byShard = (0..<Self.shards).map { fixture.addresses(ofShard: $0) }
        let stopped = try #require(byShard.indices.max { byShard[$0].count < byShard[$1].count })
        let silent = byShard[stopped]
        try #require(silent.count < Self.nodes, "another shard has nodes too")
        let api = fixture.api
        var source = SourceFleet(metrics: [BacklogMetric.erlangMailboxes])
        // As `watch --source` reads: once a tick, after the tick has reached the store.
        func read(_ source: inout SourceFleet) async throws -> [String: NodeHealth.Status] {
            try await fixture.waitUntilStoreHasLastTick()
            let now = fixture.now
            source.absorb(try api.instant(source.nextRead(at: now), at: now), at: now, seconds: 0)
            return Dictionary(source.recent.nodes.map { ($0.instance, $0.status) }, uniquingKeysWith: { $1 })
        }
        var states = try await read(&source)
        for _ in 0..<3 {
            try await fixture.step()
            states = try await read(&source)
        }
        #expect(states.count == Self.nodes && states.values.allSatisfy { $0 == .up }, "\(states)")

        fixture.stopShard(stopped)
        let lastSent = fixture.now
        for _ in 0..<5 {
            try await fixture.step()
            states = try await read(&source)
            let silence = fixture.now.milliseconds - lastSent.milliseconds
            for (address, state) in states {
                // Silent once nothing came for three of its 5 s intervals, and only then.
                if silent.contains(address), silence > 3 * ShardedStoreFixture.interval {
                    #expect(state == .down(reason: SourceFleet.silenceReason(seconds: silence / 1000)), "\(address) after \(silence) ms")
                } else {
                    #expect(state == .up, "\(address) after \(silence) ms, shard \(Shard.index(of: address, total: Self.shards))")
                }
            }
        }
        #expect(states.count == Self.nodes, "the silent nodes are still shown: \(states)")
        #expect(states.values.filter { $0 != .up }.count == silent.count)
        let reason = silent.compactMap { address -> String? in
            if case .down(let reason) = states[address] { reason } else { nil }
        }.first
        #expect(reason?.hasPrefix("not reporting to the source for 25s: no agent is sending it") == true, "\(reason ?? "up")")
        #expect(reason?.contains("its shard's agents are down") == true, "the likely cause is named: \(reason ?? "up")")
        try await fixture.shutdown()
    }
}
