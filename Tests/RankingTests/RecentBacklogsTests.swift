import Ranking
import Testing
import TimeSeries

/// What the recent window keeps and ranks, over constructed poll cycles.
@Suite struct RecentBacklogsTests {
    static let start: Int64 = 1_700_000_000_000

    /// A process's queue length as its node's exporter gives it.
    struct Queue {
        var name: String
        var length: Double
        var pid = "<0.100.0>"
    }

    /// One node's scrape: its queues, or down when `queues` is nil.
    func scrape(node: Int, _ queues: [Queue]?) -> BacklogScrape {
        let instance = "10.0.0.\(node):9199"
        let samples = (queues ?? []).map { queue in
            Sample(labels: Labels([
                "__name__": "erlang_process_message_queue_len", "instance": instance, "job": "erlang", "name": queue.name,
                "pid": queue.pid,
            ]), value: queue.length)
        }
        return BacklogScrape(instance: instance, node: "chat\(node)@host", isUp: queues != nil, samples: samples)
    }

    func cycle(_ second: Int, _ scrapes: [BacklogScrape]) -> BacklogCycle {
        BacklogCycle(timestamp: Timestamp(milliseconds: Self.start + Int64(second) * 1000), targets: scrapes)
    }

    func shown(_ recent: RecentBacklogs) -> [String] {
        recent.ranking().map { "\($0.entity)@\($0.series.node)=\(Int($0.queued))" }
    }

    @Test func aSeriesMissingFromASuccessfulScrapeIsGoneAtOnce() {
        var recent = RecentBacklogs(metrics: [.erlangMailboxes])
        for second in 0..<30 {
            recent.absorb(cycle(second, [scrape(node: 3, [
                Queue(name: "chat_router", length: 17_000 + Double(second) * 30, pid: "<0.200.0>"),
                Queue(name: "presence", length: 5),
            ])]))
        }
        #expect(shown(recent) == ["chat_router@chat3@host=17870", "presence@chat3@host=5"])
        // chat_router is restarted: its pid, and so its labels, change.
        recent.absorb(cycle(30, [scrape(node: 3, [Queue(name: "chat_router", length: 12_000), Queue(name: "presence", length: 5)])]))
        #expect(shown(recent) == ["chat_router@chat3@host=12000", "presence@chat3@host=5"], "the stalled series' 17,870 is not shown")
        // It drains, and the exporter stops exporting it.
        recent.absorb(cycle(31, [scrape(node: 3, [Queue(name: "presence", length: 4)])]))
        #expect(shown(recent) == ["presence@chat3@host=4"])
        #expect(recent.keptSeriesCount == 1)
    }

    @Test func aSeriesThatComesBackStartsAfresh() {
        var recent = RecentBacklogs(metrics: [.erlangMailboxes])
        recent.absorb(cycle(0, [scrape(node: 1, [Queue(name: "worker", length: 3_000)])]))
        recent.absorb(cycle(1, [scrape(node: 1, [])]))
        recent.absorb(cycle(2, [scrape(node: 1, [Queue(name: "worker", length: 2_000)])]))
        #expect(recent.currentSeries.map(\.values) == [[2_000]], "no sample from before it went stale")
    }

    /// A node that stops answering: its processes leave the ranking (their last values are not
    /// current) but keep their history for when it is back.
    @Test func theSeriesOfANodeThatIsDownLeaveTheRankingUntilItIsBack() {
        var recent = RecentBacklogs(metrics: [.erlangMailboxes])
        let queues = [Queue(name: "chat_router", length: 6_000)]
        for second in 0..<10 {
            recent.absorb(cycle(second, [scrape(node: 1, [Queue(name: "presence", length: 2)]),
                                         scrape(node: 5, queues)]))
        }
        recent.absorb(cycle(10, [scrape(node: 1, [Queue(name: "presence", length: 2)]), scrape(node: 5, nil)]))
        #expect(shown(recent) == ["presence@chat1@host=2"])
        #expect(recent.keptSeriesCount == 2)
        recent.absorb(cycle(11, [scrape(node: 1, [Queue(name: "presence", length: 2)]), scrape(node: 5, queues)]))
        #expect(shown(recent) == ["chat_router@chat5@host=6000", "presence@chat1@host=2"])
        #expect(recent.currentSeries.first { $0.labels["name"] == "chat_router" }?.values.count == 11, "its history goes on")
    }

    @Test func aNodeDownLongerThanTheWindowTakesItsSeriesWithIt() {
        var recent = RecentBacklogs(metrics: [.erlangMailboxes])
        recent.absorb(cycle(0, [scrape(node: 5, [Queue(name: "chat_router", length: 6_000)])]))
        let window = Int(RecentBacklogs.windowMilliseconds / 1000)
        for second in 1...window { recent.absorb(cycle(second, [scrape(node: 5, nil)])) }
        #expect(recent.keptSeriesCount == 1, "the last sample is still inside the window")
        recent.absorb(cycle(window + 1, [scrape(node: 5, nil)]))
        #expect(recent.keptSeriesCount == 0)
    }

    @Test func aTargetNoLongerPolledTakesItsSeriesWithIt() {
        var recent = RecentBacklogs(metrics: [.erlangMailboxes])
        recent.absorb(cycle(0, [scrape(node: 1, [Queue(name: "a", length: 1)]), scrape(node: 2, [Queue(name: "b", length: 1)])]))
        recent.absorb(cycle(1, [scrape(node: 1, [Queue(name: "a", length: 1)])]))
        #expect(recent.currentSeries.map { $0.labels["name"] ?? "" } == ["a"])
    }

    @Test func keepsTheWindowAndOneSampleBeforeIt() {
        var recent = RecentBacklogs(metrics: [.erlangMailboxes])
        // The exporter's order changes from cycle to cycle; each sample still finds its series.
        for second in 0..<200 {
            let queues = [Queue(name: "a", length: Double(second)), Queue(name: "b", length: Double(-second))]
            recent.absorb(cycle(second, [scrape(node: 1, second % 3 == 0 ? queues.reversed() : queues)]))
        }
        let a = recent.currentSeries.first { $0.labels["name"] == "a" }
        // The window is 79–199 s; 78 s is the one sample before it.
        #expect(a?.timestamps.first == Self.start + 78_000)
        #expect(a?.values.count == 122)
        #expect(a?.values.last == 199)
        #expect(recent.currentSeries.first { $0.labels["name"] == "b" }?.values.last == -199)
    }
}
