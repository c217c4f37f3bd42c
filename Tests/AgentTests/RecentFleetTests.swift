import Agent
import Probe
import Testing
import TimeSeries

/// What the dashboard's recent window makes of poll cycles: node health and trends, and the
/// backlog series handed to the ranking (whose own tests are in RankingTests).
@Suite struct RecentFleetTests {
    static let start: Int64 = 1_700_000_000_000

    /// A process's queue length as its node's exporter gives it.
    struct Queue {
        var name: String
        var length: Double
    }

    func target(_ node: Int) -> ScrapeTarget {
        let instance = "10.0.0.\(node):9199"
        return ScrapeTarget(job: "erlang", instance: instance, url: "http://\(instance)/metrics",
                            labels: Labels(["job": "erlang", "instance": instance]))
    }

    /// One node's scrape at second `second`: its node name and queues, or down when `queues` is nil.
    func scrape(node: Int, second: Int, _ queues: [Queue]?) -> TargetScrape {
        let target = target(node)
        let time = Timestamp(milliseconds: Self.start + Int64(second) * 1000)
        guard let queues else {
            return TargetScrape(target: target, timestamp: time, samples: [],
                                error: ScrapeError(kind: .transport(.connectionRefused), url: target.url, reason: "connection refused"),
                                duration: 0.001, bodyBytes: 0, scrapedSampleCount: 0)
        }
        var samples = [Sample(labels: Labels(["__name__": "erlang_node_info", "node": "chat\(node)@host", "instance": target.instance]), value: 1)]
        for queue in queues {
            samples.append(Sample(labels: Labels([
                "__name__": "erlang_process_message_queue_len", "instance": target.instance, "job": "erlang", "name": queue.name,
            ]), value: queue.length))
        }
        return TargetScrape(target: target, timestamp: time, samples: samples, error: nil, duration: 0.001, bodyBytes: 100,
                            scrapedSampleCount: samples.count)
    }

    func cycle(_ second: Int, _ scrapes: [TargetScrape]) -> ScrapeCycle {
        ScrapeCycle(timestamp: Timestamp(milliseconds: Self.start + Int64(second) * 1000), scrapes: scrapes, configProblems: [], duration: 0.002)
    }

    func shown(_ recent: RecentFleet) -> [String] {
        recent.ranking().map { "\($0.entity)@\($0.series.node)=\(Int($0.queued))" }
    }

    /// A node that stops answering: its row says it is down, and its processes leave the ranking
    /// until it is back, named by the Erlang node name its exporter gives.
    @Test func aNodeThatIsDownIsShownDownAndItsProcessesLeaveTheRankingUntilItIsBack() {
        var recent = RecentFleet(metrics: [.erlangMailboxes])
        let queues = [Queue(name: "chat_router", length: 6_000)]
        for second in 0..<10 {
            recent.absorb(cycle(second, [scrape(node: 1, second: second, [Queue(name: "presence", length: 2)]),
                                         scrape(node: 5, second: second, queues)]))
        }
        recent.absorb(cycle(10, [scrape(node: 1, second: 10, [Queue(name: "presence", length: 2)]), scrape(node: 5, second: 10, nil)]))
        #expect(shown(recent) == ["presence@chat1@host=2"])
        #expect(recent.nodes.map(\.isUp) == [true, false])
        #expect(recent.nodeTrends["10.0.0.5:9199"]?.scrapeMilliseconds.count == 11)
        recent.absorb(cycle(11, [scrape(node: 1, second: 11, [Queue(name: "presence", length: 2)]), scrape(node: 5, second: 11, queues)]))
        #expect(shown(recent) == ["chat_router@chat5@host=6000", "presence@chat1@host=2"])
        #expect(recent.lastCycleSeconds == 0.002)
    }

    @Test func aTargetNoLongerPolledTakesItsNodeWithIt() {
        var recent = RecentFleet(metrics: [.erlangMailboxes])
        recent.absorb(cycle(0, [scrape(node: 1, second: 0, [Queue(name: "a", length: 1)]), scrape(node: 2, second: 0, [Queue(name: "b", length: 1)])]))
        recent.absorb(cycle(1, [scrape(node: 1, second: 1, [Queue(name: "a", length: 1)])]))
        #expect(recent.backlogs.currentSeries.map { $0.labels["name"] ?? "" } == ["a"])
        #expect(recent.nodes.map(\.instance) == ["10.0.0.1:9199"])
        #expect(recent.nodeTrends.keys.sorted() == ["10.0.0.1:9199"])
    }

    @Test func nodeTrendsKeepOneFigurePerCycleUpToTheirLength() {
        var recent = RecentFleet(metrics: [.erlangMailboxes])
        let cycles = RecentFleet.nodeHistoryLength + 10
        for second in 0..<cycles { recent.absorb(cycle(second, [scrape(node: 1, second: second, second == cycles - 1 ? nil : [])])) }
        let trend = recent.nodeTrends["10.0.0.1:9199"]
        #expect(trend?.scrapeMilliseconds.count == RecentFleet.nodeHistoryLength)
        #expect(trend?.scrapeMilliseconds.last == 1)
        #expect(trend?.runQueue.allSatisfy(\.isNaN) == true, "the exporter gave no run queue")
    }
}
