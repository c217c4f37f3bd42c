import Agent
import Dashboard
import DashboardFeed
import Probe
import Testing
import TimeSeries

/// The next-bottleneck panel names a process as the next bottleneck only when one is over its
/// threshold or on its way there; otherwise it says that nothing is, and which mailbox is largest.
@Suite struct BottleneckHeadlineTests {
    let helper = RecentFleetTests()

    func model(_ lengths: (Int) -> Double) -> DashboardModel {
        var recent = RecentFleet(metrics: [.erlangMailboxes])
        for second in 0..<90 {
            recent.absorb(helper.cycle(second, [helper.scrape(node: 2, second: second, [
                RecentFleetTests.Queue(name: "chat_router", length: lengths(second)),
                RecentFleetTests.Queue(name: "presence", length: 3),
            ])]))
        }
        return DashboardModelBuilder.model(recent: recent, interval: .seconds(1), alerts: [], paused: false)
    }

    @Test func aSteadyFleetSaysNothingIsApproaching() throws {
        let bottleneck = try #require(model { _ in 400 }.bottleneck)
        #expect(bottleneck.reason.hasPrefix("Nothing is approaching 10,000; the largest: chat_router on chat2@host: 400 queued"))
    }

    @Test func aGrowingMailboxIsNamedPlainly() throws {
        let bottleneck = try #require(model { 2_000 + Double($0) * 50 }.bottleneck)
        #expect(bottleneck.reason.hasPrefix("chat_router on chat2@host"))
        #expect(bottleneck.reason.contains("reaches 10,000 in"))
    }

    /// Rows and the panel carry their samples' place in time, so a sparkline can fit the two
    /// minutes held into its width with glyphs that group the same samples frame after frame.
    @Test func sparklinesKnowWhereTheirSamplesFallInTime() throws {
        let model = model { _ in 400 }
        let row = try #require(model.processes.first)
        let span = try #require(row.recentSpan)
        #expect(span.samples == 120, "two minutes at 1 s")
        #expect(span.samplesPerGlyph(width: 48) == 3)
        #expect(model.bottleneck?.recentSpan == span)
        let newest = RecentFleetTests().cycle(89, []).timestamp.milliseconds
        #expect(span.newestSampleNumber == (newest + 500) / 1000)
    }
}
