import Ranking
import Testing
import TimeSeries

/// Process types (a type's summed queue, against its own threshold) ranked with single processes.
@Suite struct ProcessTypeRankingTests {
    let now: Int64 = 1_000_000_000
    let metrics = BacklogMetric.defaults

    /// A series sampled every second for a minute up to now, with `value(secondsAgo)`.
    func series(_ labels: [String: String], processes: Double? = nil, _ value: (Int) -> Double) -> BacklogSeries {
        let ago = (0..<60).reversed()
        return BacklogSeries(labels: Labels(labels.merging(["instance": "chat3:9199"]) { $1 }), node: "chat3@host",
                             timestamps: ago.map { now - Int64($0) * 1000 }, values: ago.map(value), processes: processes)
    }

    func type(_ initialCall: String, processes: Double?, _ value: @escaping (Int) -> Double) -> BacklogSeries {
        series(["__name__": "erlang_process_type_message_queue_len_sum", "initial_call": initialCall], processes: processes, value)
    }

    func process(_ name: String, _ value: @escaping (Int) -> Double) -> BacklogSeries {
        series(["__name__": "erlang_process_message_queue_len", "name": name, "pid": "<0.\(name.count).0>"], value)
    }

    func rank(_ all: [BacklogSeries]) -> [RankedBacklog] {
        BottleneckRanking.rank(all, metrics: metrics, at: Timestamp(milliseconds: now))
    }

    @Test func aTypeOverItsThresholdIsABottleneckThoughNoneOfItsProcessesIs() throws {
        let ranked = rank([
            type("chat_session:init/1", processes: 10_000) { 3_000_000 - Double($0) * 1_000 },
            process("presence") { _ in 400 },
        ])
        let first = try #require(ranked.first)
        #expect(first.entity == "chat_session:init/1 ×10,000")
        #expect(first.threshold == 100_000)
        #expect(first.reason.hasPrefix("chat_session:init/1 ×10,000 on chat3@host: 3,000,000 queued, +1,000/s, over 100,000 for"), "\(first.reason)")
        #expect(ranked.map(\.entity) == ["chat_session:init/1 ×10,000", "presence"])
    }

    /// 9,000 is over nine tenths of a process's threshold; 20,000 summed over a type is a fifth of its own.
    @Test func theRestGoByHowFullTheyAreAgainstTheirOwnThresholds() {
        let ranked = rank([
            type("worker:init/1", processes: 200) { _ in 20_000 },
            process("router") { _ in 9_000 },
            process("presence") { _ in 400 },
        ])
        #expect(ranked.map(\.entity) == ["router", "worker:init/1 ×200", "presence"])
    }

    @Test func aTypeOfOneProcessIsThatProcessAndLeftOut() {
        let ranked = rank([
            type("chat_router:init/1", processes: 1) { _ in 9_000 },
            process("chat_router") { _ in 9_000 },
        ])
        #expect(ranked.map(\.entity) == ["chat_router"])
    }

    @Test func aTypeWhoseCountIsUnknownGoesByItsInitialCall() {
        #expect(rank([type("worker:init/1", processes: nil) { _ in 500 }]).map(\.entity) == ["worker:init/1"])
    }

    /// The window takes the counts in from the scrapes that carry the types' sums.
    @Test func recentBacklogsNameTypesByTheirScrapedCounts() throws {
        var recent = RecentBacklogs(metrics: metrics)
        for second in 0..<10 {
            let samples = [
                Sample(labels: Labels(["__name__": "erlang_process_type_message_queue_len_sum", "instance": "chat3:9199",
                                       "initial_call": "chat_session:init/1"]), value: 3_000_000),
                Sample(labels: Labels(["__name__": ProcessTypeCounts.metric, "instance": "chat3:9199",
                                       "initial_call": "chat_session:init/1"]), value: Double(10_000 + second)),
            ]
            recent.absorb(BacklogCycle(timestamp: Timestamp(milliseconds: now + Int64(second) * 1000),
                                       targets: [BacklogScrape(instance: "chat3:9199", node: "chat3@host", isUp: true, samples: samples)]))
        }
        let entry = try #require(recent.ranking().first)
        #expect(entry.entity == "chat_session:init/1 ×10,009")
        #expect(entry.isOverThreshold)
    }
}
