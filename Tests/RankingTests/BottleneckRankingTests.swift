import Ranking
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

    /// Bursts of a few hundred messages and a big queue wobbling around its level show minute
    /// slopes that, extrapolated, "reach 10,000" sooner than a slow real climb; they must not rank above it.
    @Test func noiseLevelProcessesDoNotOutrankATrulyGrowingOne() {
        let ranked = rank([
            // A burst building over the last 20 s: +5/s over the minute, 9,600 to go: 30 minutes, which
            // read plainly would put it ahead of `leaking`.
            series("burst", node: "chat1@host") { (secondsAgo: Int) -> Double in secondsAgo < 20 ? 400 - Double(secondsAgo) * 20 : 0 },
            series("burst", node: "chat2@host") { (secondsAgo: Int) -> Double in secondsAgo < 3 ? 300 - Double(secondsAgo) * 100 : Double(secondsAgo % 7) * 10 },
            // 3,000 give or take 400, on a slope of +2/s: nothing stands out from the scatter.
            series("wobbly") { secondsAgo in
                let wobble = Double((secondsAgo * 7) % 9 - 4) * 100
                return 3_000 + wobble - Double(secondsAgo) * 2
            },
            // A real, slow climb: +3/s from 1,500, 47 minutes to go.
            series("leaking") { 1_500 - Double($0) * 3 },
        ])
        #expect(ranked.map(\.entity) == ["leaking", "wobbly", "burst", "burst"])
        #expect(ranked[0].outlook == .approaching(seconds: 8_500.0 / 3))
        #expect(ranked[1].outlook == .noisy)
        #expect(ranked[2].outlook == .belowFloor(1_000))
        #expect(ranked[2].growthPerSecond > 5, "the burst's slope alone would have promised the threshold in half an hour")
        #expect(ranked[1].reason.hasSuffix("no clear trend, peak 3,390 in the last minute"), "\(ranked[1].reason)")
        #expect(ranked[2].reason == "burst on chat1@host: 400 queued, +\(RankingText.count(ranked[2].growthPerSecond))/s, under 1,000, too small to extrapolate")
    }

    @Test func aClimbDueBeyondTheHorizonIsNotApproaching() {
        let ranked = rank([series("slow") { 2_000 - Double($0) }, series("bigger_steady") { _ in 2_500 }])
        #expect(ranked.map(\.entity) == ["bigger_steady", "slow"], "beyond the horizon it is ordered by size with the rest")
        #expect(ranked[1].outlook == .beyondHorizon(seconds: 8_000))
        #expect(ranked[1].reason == "slow on chat1@host: 2,000 queued, +1/s, reaches 10,000 only in ~2h13m")
    }

    /// Two processes whose estimated times to the threshold cross back and forth from one second
    /// to the next keep one order: the times share a bucket, and the larger queue goes first.
    @Test func nearlyEqualTimesToThresholdKeepTheirOrderSecondAfterSecond() {
        var orders: [[String]] = []
        var bigFirstByTime = 0
        for second in 0..<10 {
            // `big`: 8,020 now, +9/s, 220 s to go. `jittery`: 5,600 now, +20/s, ±25 each second.
            let shift = Double(second)
            let big = series("big") { 8_020 + 9 * (shift - Double($0)) }
            let jittery = series("jittery") { secondsAgo in
                let at = second - secondsAgo
                return 5_600 + 20 * Double(at) + (at % 2 == 0 ? 25 : -25)
            }
            let ranked = rank([jittery, big])
            orders.append(ranked.map(\.entity))
            let times = ranked.map { $0.secondsToThreshold ?? .infinity }
            if ranked[0].entity == "big" ? times[0] < times[1] : times[1] < times[0] { bigFirstByTime += 1 }
        }
        #expect((1...8).contains(bigFirstByTime), "the raw times do cross (\(bigFirstByTime) of 10 seconds)")
        #expect(orders.allSatisfy { $0 == ["big", "jittery"] }, "\(orders)")
    }

    @Test func processesOverTheThresholdComeFirstEvenWhenDraining() {
        let ranked = rank([
            series("due_in_5s") { 9_500 - Double($0) * 100 },
            series("over_draining") { 10_500 + Double($0) * 50 },
        ])
        #expect(ranked.map(\.entity) == ["over_draining", "due_in_5s"])
        #expect(ranked[0].reason.hasPrefix("over_draining on chat1@host: 10,500 queued, −50/s, over 10,000 for"))
    }

    @Test func theRestAreOrderedByTheMinutesPeakThenSizeThenNode() {
        let ranked = rank([
            series("small_burst") { (secondsAgo: Int) -> Double in secondsAgo < 3 ? 300 - Double(secondsAgo) * 100 : 0 },
            series("draining", node: "chat2@host") { 5_000 + Double($0) * 10 },
            series("steady", node: "chat2@host") { _ in 700 },
            series("steady", node: "chat1@host") { _ in 700 },
            series("due") { 9_000 - Double($0) * 10 },
        ])
        #expect(ranked.map { "\($0.entity)@\($0.series.node)" }
                == ["due@chat1@host", "draining@chat2@host", "steady@chat1@host", "steady@chat2@host", "small_burst@chat1@host"])
        #expect(ranked[1].reason == "draining on chat2@host: 5,000 queued, −10/s, draining, peak 5,600 in the last minute")
        #expect(ranked.map(\.peakQueued) == [9_000, 5_600, 700, 700, 300])
    }

    @Test func aDrainedBurstKeepsItsPlaceWhileItsPeakIsWithinTheMinute() {
        let ranked = rank([
            series("steady") { _ in 700 },
            // Peaked at 900 half a minute ago, drained to 20 since.
            series("drained") { secondsAgo in secondsAgo <= 30 ? max(20, 900 - Double(30 - secondsAgo) * 40) : 0 },
            // Peaked at 2,000 70 s ago: out of the minute, so only its queue of 10 counts.
            series("earlier") { secondsAgo in secondsAgo >= 70 ? 2_000 : 10 },
        ])
        #expect(ranked.map(\.entity) == ["drained", "steady", "earlier"])
        #expect(ranked[0].reason.hasPrefix("drained on chat1@host: 20 queued, "), "\(ranked[0].reason)")
        #expect(ranked[0].reason.hasSuffix(", peak 900 in the last minute"), "\(ranked[0].reason)")
        #expect(ranked[1].reason == "steady on chat1@host: 700 queued, steady", "a peak equal to the queue goes unsaid")
    }

    /// Everyday bursts fill a mailbox within seconds and drain it within a quarter of a minute.
    /// Ranked by the moment's queue they trade places every second; by the minute's peak the list
    /// holds still while they drain.
    @Test func burstsThatDrainKeepTheirOrderSecondAfterSecond() {
        // Burst `index` peaked at 300 + 37·index a second before `now`, after a 3 s rise, and drains
        // over 20 − 2·index seconds: the bigger the burst, the faster it drains, so by the moment's
        // queue they cross.
        func burst(_ index: Int, end: Int64) -> BacklogSeries {
            let peakTime = now - 1000
            let peak = 300 + 37 * Double(index)
            let drain = Double(20 - 2 * index)
            let times = (0..<90).reversed().map { end - Int64($0) * 1000 }
            let values = times.map { time -> Double in
                let since = Double(time - peakTime) / 1000
                if since < -3 { return 0 }
                return since < 0 ? peak * (3 + since) / 3 : max(0, peak * (1 - since / drain))
            }
            return BacklogSeries(labels: Labels(["name": "burst\(index)", "instance": "h:1"]), node: "chat1@host",
                                 timestamps: times, values: values)
        }
        var orders: [[String]] = []
        var byQueue: [[String]] = []
        for second in 0..<5 {
            let end = now + Int64(second) * 1000
            let ranked = BottleneckRanking.rank((0..<8).map { burst($0, end: end) }, threshold: 10_000, entity: ["name"],
                                                at: Timestamp(milliseconds: end))
            orders.append(ranked.map(\.entity))
            byQueue.append(ranked.sorted { $0.queued > $1.queued }.map(\.entity))
        }
        #expect(Set(orders).count == 1, "\(orders)")
        #expect(orders[0] == (0..<8).reversed().map { "burst\($0)" })
        #expect(Set(byQueue).count > 1, "by the moment's queue the same bursts would have moved")
    }

    @Test func bucketsAreTenthsOfADecade() {
        #expect([10, 12.5, 12.6, 99.9, 100, 220, 3_600].map(BottleneckRanking.bucket) == [10, 10, 11, 19, 20, 23, 35])
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
