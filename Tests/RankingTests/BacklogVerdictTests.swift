import Evidence
import Ranking
import Testing
import TimeSeries

/// Stuck or slow in the ranking's reason, from the reductions rate and info readings it holds,
/// on constructed histories; the thresholds are `VerdictThresholds.defaults`, as `inspect` uses.
@Suite struct BacklogVerdictTests {
    let now: Int64 = 1_000_000_000
    let key = ProcessKey(instance: "chat3:9199", pid: "<0.212.0>")

    /// chat_router's queue, sampled every second for `seconds` up to now: +100/s from 1,000.
    func router(seconds: Int = 60, _ value: ((Int) -> Double)? = nil) -> BacklogSeries {
        let ago = (0..<seconds).reversed()
        return BacklogSeries(
            labels: Labels(["__name__": "erlang_process_message_queue_len", "instance": key.instance, "pid": key.pid, "name": "chat_router"]),
            node: "chat3@host", timestamps: ago.map { now - Int64($0) * 1000 },
            values: ago.map { value?($0) ?? 1_000 + Double(seconds - 1 - $0) * 100 })
    }

    /// Readings every second for `seconds` up to now: `(status, function, rate)` `secondsAgo` seconds ago.
    func detail(seconds: Int = 60, _ reading: (Int) -> (String, String, Double)) -> ProcessDetail {
        var detail = ProcessDetail()
        for ago in (0..<seconds).reversed() {
            let (status, function, rate) = reading(ago)
            let time = now - Int64(ago) * 1000
            detail.add(Labels(["__name__": ProcessDetail.reductionsMetric, "pid": key.pid]), value: rate, time: time)
            detail.add(Labels(["__name__": ProcessDetail.infoMetric, "pid": key.pid, "status": status, "current_function": function]),
                       value: 1, time: time)
        }
        return detail
    }

    func ranked(_ series: BacklogSeries, _ detail: ProcessDetail?) throws -> RankedBacklog {
        let details = detail.map { [key: $0] } ?? [:]
        return try #require(BottleneckRanking.rank([series], threshold: 10_000, entity: ["name", "pid"],
                                                   at: Timestamp(milliseconds: now), details: details).first)
    }

    @Test func aProcessThatBecameStuckSaysWhereAndSinceWhen() throws {
        // Keeping up until 39 s ago, then blocked in a call.
        let entry = try ranked(router(), detail { $0 > 39 ? ("runnable", "gen_server:loop/7", 5_000) : ("waiting", "gen:do_call/4", 3) })
        #expect(entry.reason == "chat_router on chat3@host: 6,900 queued, +100/s, reaches 10,000 in ~31s — stuck in gen:do_call/4 for 39s")
        #expect(entry.verdict?.kind == .stuck)
        #expect(entry.verdict?.status == "waiting")
        #expect(entry.verdict?.heldThroughout == false)
    }

    @Test func stuckOverEveryReadingHeldIsAtLeastThatLong() throws {
        let entry = try ranked(router(), detail { _ in ("waiting", "gen:do_call/4", 0) })
        #expect(entry.reason.hasSuffix("— stuck in gen:do_call/4 for at least 59s"), "\(entry.reason)")
    }

    @Test func aProcessWorkingFlatOutIsSlow() throws {
        let entry = try ranked(router(), detail { _ in ("runnable", "chat_router:handle_info/2", 312_000) })
        #expect(entry.reason.hasSuffix("— slow in chat_router:handle_info/2 at 312,000 reductions/s for at least 59s"), "\(entry.reason)")
        #expect(entry.verdict?.kind == .slow)
    }

    /// The idle threshold is inclusive: at it the process is stuck, just above it neither stuck nor slow.
    @Test func theIdleThresholdIsTheVerdicts() throws {
        let idle = VerdictThresholds.defaults.idleReductionsPerSecond
        #expect(try ranked(router(), detail { _ in ("waiting", "gen:do_call/4", idle) }).verdict?.kind == .stuck)
        #expect(try ranked(router(), detail { _ in ("waiting", "gen:do_call/4", idle + 1) }).verdict == nil)
        // The busy threshold, likewise.
        let busy = VerdictThresholds.defaults.busyReductionsPerSecond
        #expect(try ranked(router(), detail { _ in ("runnable", "f:g/1", busy) }).verdict?.kind == .slow)
        #expect(try ranked(router(), detail { _ in ("runnable", "f:g/1", busy - 1) }).verdict == nil)
    }

    @Test func withoutReadingsTheReasonIsAsBefore() throws {
        let entry = try ranked(router(), nil)
        #expect(entry.reason == "chat_router on chat3@host: 6,900 queued, +100/s, reaches 10,000 in ~31s")
        #expect(entry.verdict == nil)
    }

    /// Readings that stopped before the queue's last two samples are not the process's present.
    @Test func readingsOlderThanTheQueuesAreNotJudged() throws {
        let old = detail(seconds: 60) { _ in ("waiting", "gen:do_call/4", 0) }
        var stale = ProcessDetail()
        for rate in old.rates.dropLast(2) { stale.rates.append(rate) }
        for state in old.states.dropLast(2) { stale.states.append(state) }
        #expect(try ranked(router(), stale).verdict == nil)
    }

    /// A small steady queue needs no verdict: only processes over or approaching the threshold are judged.
    @Test func theThirdTierIsNotJudged() throws {
        let entry = try ranked(router { _ in 300 }, detail { _ in ("waiting", "gen:do_call/4", 0) })
        #expect(entry.outlook == .steady)
        #expect(entry.verdict == nil)
        #expect(!entry.reason.contains("—"))
    }

    /// The window takes the info and rate series in from scrapes with the queues, and the
    /// function shown is the latest, though each change of it is a new info series.
    @Test func recentBacklogsJudgeFromTheScrapedSeries() throws {
        var recent = RecentBacklogs(metrics: [.erlangMailboxes])
        for second in 0..<60 {
            let labels = ["instance": key.instance, "pid": key.pid]
            let function = second < 30 ? "gen_server:call/3" : "gen:do_call/4"
            let samples = [
                Sample(labels: Labels(labels.merging(["__name__": "erlang_process_message_queue_len", "name": "chat_router"]) { $1 }),
                       value: 1_000 + Double(second) * 100),
                Sample(labels: Labels(labels.merging(["__name__": ProcessDetail.infoMetric, "status": "waiting",
                                                      "current_function": function]) { $1 }), value: 1),
                Sample(labels: Labels(labels.merging(["__name__": ProcessDetail.reductionsMetric]) { $1 }), value: 2),
            ]
            recent.absorb(BacklogCycle(timestamp: Timestamp(milliseconds: now - Int64(59 - second) * 1000),
                                       targets: [BacklogScrape(instance: key.instance, node: "chat3@host", isUp: true, samples: samples)]))
        }
        let entry = try #require(recent.ranking().first)
        #expect(entry.reason.hasSuffix("— stuck in gen:do_call/4 for at least 59s"), "\(entry.reason)")
        #expect(recent.details[key]?.states.count == 60)
    }
}
