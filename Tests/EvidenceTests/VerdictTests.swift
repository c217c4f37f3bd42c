import Evidence
import Testing
import TimeSeries

/// The verdict at the edges of every threshold: just below, at, and just above.
@Suite struct VerdictTests {
    let limits = VerdictThresholds.defaults

    func evidence(_ status: String, queue: Int = 500, rate: Double?) -> ProcessEvidence {
        var evidence = ProcessEvidence(pid: "<0.212.0>", status: status, messageQueueLen: queue)
        evidence.reductionsPerSecond = rate
        return evidence
    }

    func trend(_ perSecond: Double) -> QueueTrend { QueueTrend(perSecond: perSecond, seconds: 60, basis: .history) }

    func kind(_ status: String, queue: Int = 500, rate: Double?, growth: Double?) -> Verdict.Kind {
        Verdict.judge(evidence(status, queue: queue, rate: rate), trend: growth.map(trend), thresholds: limits).kind
    }

    @Test func theDefaultsAreTheDocumentedOnes() {
        #expect(limits == VerdictThresholds(
            idleReductionsPerSecond: 1_000, busyReductionsPerSecond: 10_000, growingPerSecond: 1, shrinkingPerSecond: 1,
            stuckMinimumQueue: 1))
    }

    @Test func aWaitingProcessIsStuckUpToTheIdleRateAndNotAbove() {
        let idle = limits.idleReductionsPerSecond
        #expect(kind("waiting", rate: idle.nextDown, growth: 150) == .stuck)
        #expect(kind("waiting", rate: idle, growth: 150) == .stuck)
        #expect(kind("waiting", rate: idle.nextUp, growth: 150) == .unknown, "working while waiting: neither")
        #expect(kind("suspended", rate: 3, growth: 150) == .stuck)
    }

    @Test func anIdleProcessCaughtAwakeIsStillStuck() {
        let idle = limits.idleReductionsPerSecond
        #expect(kind("running", rate: idle, growth: 150) == .stuck, "woken by an arriving message, idle by its reductions")
        #expect(kind("runnable", rate: 3, growth: 0) == .stuck)
        #expect(kind("running", rate: idle.nextUp, growth: 150) == .unknown)
        #expect(kind("exiting", rate: 3, growth: 150) == .unknown, "an exiting process is not blocked")
    }

    @Test func stuckNeedsMessagesWaiting() {
        #expect(kind("waiting", queue: limits.stuckMinimumQueue - 1, rate: 3, growth: 0) == .keepingUp, "an empty mailbox is quiet")
        #expect(kind("waiting", queue: limits.stuckMinimumQueue, rate: 3, growth: 0) == .stuck)
        #expect(kind("waiting", queue: limits.stuckMinimumQueue + 1, rate: 3, growth: 0) == .stuck)
    }

    @Test func stuckHoldsOrGrowsButNeverShrinks() {
        let shrink = -limits.shrinkingPerSecond
        #expect(kind("waiting", rate: 3, growth: shrink.nextUp) == .stuck, "just short of shrinking: holds")
        #expect(kind("waiting", rate: 3, growth: shrink) == .catchingUp)
        #expect(kind("waiting", rate: 3, growth: shrink.nextDown) == .catchingUp)
    }

    @Test func aRunningProcessIsSlowFromTheBusyRate() {
        let busy = limits.busyReductionsPerSecond
        #expect(kind("running", rate: busy.nextDown, growth: 40) == .unknown)
        #expect(kind("running", rate: busy, growth: 40) == .slow)
        #expect(kind("runnable", rate: busy.nextUp, growth: 40) == .slow)
        #expect(kind("garbage_collecting", rate: busy, growth: 40) == .slow)
    }

    @Test func slowNeedsAGrowingQueue() {
        let grow = limits.growingPerSecond
        #expect(kind("runnable", rate: 400_000, growth: grow.nextDown) == .keepingUp)
        #expect(kind("runnable", rate: 400_000, growth: grow) == .slow)
        #expect(kind("runnable", rate: 400_000, growth: grow.nextUp) == .slow)
    }

    @Test func aShrinkingQueueIsCatchingUpWhateverTheStatus() {
        #expect(kind("runnable", rate: 400_000, growth: -200) == .catchingUp)
        #expect(kind("waiting", rate: nil, growth: -200) == .catchingUp, "no rate needed to see it shrink")
    }

    @Test func missingEvidenceIsUnknown() {
        let noTrend = Verdict.judge(evidence("waiting", rate: 3), trend: nil)
        #expect(noTrend.kind == .unknown)
        #expect(noTrend.reason.contains("no queue trend"))
        let noRate = Verdict.judge(evidence("waiting", rate: nil), trend: trend(150))
        #expect(noRate.kind == .unknown)
        #expect(noRate.reason.contains("no reductions rate"))
        #expect(kind("exiting", rate: 3, growth: 150) == .unknown)
    }

    @Test func theReasonGivesTheFigures() {
        let verdict = Verdict.judge(evidence("waiting", queue: 6_329, rate: 3), trend: trend(150))
        #expect(verdict == Verdict(kind: .stuck, reason: "waiting at 3 reductions/s, queue growing +150/s at 6329"))
        let slow = Verdict.judge(evidence("runnable", rate: 412_345.6), trend: trend(0.5))
        #expect(slow.kind == .keepingUp && slow.reason == "queue holding at 500")
    }
}
