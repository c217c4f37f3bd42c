import Agent
import Testing
import TimeSeries

/// The next-bottleneck ranking on constructed histories.
@Suite struct BottleneckRankingTests {
    let now: Int64 = 1_000_000_000

    /// A series sampled every second for `seconds`, ending now, with `value(secondsAgo)`.
    func series(_ name: String, node: String = "chat1@host", seconds: Int = 120, _ value: (Int) -> Double) -> BacklogSeries {
        let times = (0..<seconds).reversed().map { now - Int64($0) * 1000 }
        let values = (0..<seconds).reversed().map(value)
        return BacklogSeries(labels: Labels(["name": name, "pid": "<0.\(name.count).0>", "instance": "h:1"]), node: node,
                             timestamps: times, values: values)
    }

    func rank(_ all: [BacklogSeries]) -> [RankedBacklog] {
        BottleneckRanking.rank(all, threshold: 10_000, entity: ["name", "pid"], at: Timestamp(milliseconds: now))
    }

    @Test func overThresholdFirstByGrowthThenByTimeToThresholdThenBySize() {
        let ranked = rank([
            series("big_draining") { 30_000 + Double($0) * 10 },          // over, shrinking 10/s
            series("quiet") { _ in 40 },                                   // steady, small
            series("climbing") { 6_000 - Double($0) * 100 },              // under, +100/s → 40 s to go
            series("over_growing") { 12_000 - Double($0) * 50 },          // over, +50/s
            series("slow_climb") { 2_000 - Double($0) },                   // under, +1/s → 8,000 s to go
            series("bigger_quiet") { _ in 900 },                           // steady, larger than quiet
        ])
        #expect(ranked.map(\.entity) == ["over_growing", "big_draining", "climbing", "slow_climb", "bigger_quiet", "quiet"])
        #expect(abs(ranked[0].growthPerSecond - 50) < 1e-6)
        #expect(abs((ranked[2].secondsToThreshold ?? 0) - 40) < 1e-6)
    }

    @Test func tiesAreOrderedByNodeWhateverOrderTheSeriesComeIn() {
        let nodes = ["chat3@host", "chat1@host", "chat2@host"]
        let all = nodes.map { node in series("chat_router", node: node) { _ in 0 } }
        #expect(rank(all).map(\.series.node) == ["chat1@host", "chat2@host", "chat3@host"])
        #expect(rank(all.reversed()).map(\.series.node) == ["chat1@host", "chat2@host", "chat3@host"])
    }

    @Test func explainsEachPlaceInWords() {
        let ranked = rank([
            series("chat_router", node: "chat7@host") { secondsAgo in secondsAgo < 120 ? 48_210 - Double(secondsAgo) * 1_200 : 0 },
            series("presence", node: "chat2@host") { 6_000 - Double($0) * 100 },
            series("idle") { _ in 3 },
        ])
        // Over 10,000 since 32 s ago (48,210 − 32×1,200 = 9,810 is the last sample at or under it).
        #expect(ranked[0].reason == "chat_router on chat7@host: 48,210 queued, +1,200/s, over 10,000 for 31s")
        #expect(ranked[1].reason == "presence on chat2@host: 6,000 queued, +100/s, reaches 10,000 in ~40s")
        #expect(ranked[2].reason == "idle on chat1@host: 3 queued, steady")
    }

    @Test func leavesOutSeriesGoneLongerThanTheLookback() {
        var gone = series("gone") { _ in 50_000 }
        gone.timestamps = gone.timestamps.map { $0 - 600_000 }
        #expect(rank([gone, series("here") { _ in 1 }]).map(\.entity) == ["here"])
    }

    @Test func namesUnregisteredProcessesByPid() {
        let anonymous = BacklogSeries(labels: Labels(["pid": "<0.99.0>"]), node: "n", timestamps: [now], values: [5])
        #expect(rank([anonymous]).first?.entity == "<0.99.0>")
    }
}
