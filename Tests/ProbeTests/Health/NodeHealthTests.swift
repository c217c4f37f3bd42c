import Probe
import Testing
import TimeSeries

@Suite struct NodeHealthTests {
    let target = ScrapeTarget(commandLineURL: "chat7:9199", job: "chat")

    func sample(_ name: String, _ value: Double, _ labels: [String: String] = [:]) -> Sample {
        var all = labels
        all["__name__"] = name
        return Sample(labels: Labels(all), value: value)
    }

    @Test func readsTheExporterContract() {
        let samples = [
            sample(ExporterMetric.processCount, 92_000), sample(ExporterMetric.processLimit, 100_000),
            sample(ExporterMetric.runQueue, 14), sample(ExporterMetric.schedulerUtilization, 0.75),
            sample(ExporterMetric.queueSum, 48_500), sample(ExporterMetric.queueMax, 48_210),
            sample(ExporterMetric.memory, 1000, ["kind": "processes"]), sample(ExporterMetric.memory, 500, ["kind": "binary"]),
            sample(ExporterMetric.nodeInfo, 1, ["node": "chat7@host", "otp_release": "25"]),
        ]
        let scrape = TargetScrape(target: target, timestamp: Timestamp(milliseconds: 0), samples: samples, error: nil,
                                  duration: 0.004, bodyBytes: 100, scrapedSampleCount: samples.count)
        let health = NodeHealth(scrape: scrape)
        #expect(health.isUp)
        #expect(health.displayName == "chat7@host")
        #expect(health.otpRelease == "25")
        #expect(health.processUsage == 0.92)
        #expect(health.memoryTotal == 1500)
        #expect(health.queuedMessages == 48_500)
        #expect(health.largestQueue == 48_210)
        #expect(health.problems() == ["process count at 92% of limit", "run queue 14"])
    }

    @Test func carriesTheReasonANodeIsDown() {
        let error = ScrapeError(kind: .transport(.connectionRefused), url: target.url, reason: "connection refused")
        let scrape = TargetScrape(target: target, timestamp: Timestamp(milliseconds: 0), samples: [], error: error,
                                  duration: 0.001, bodyBytes: 0, scrapedSampleCount: 0)
        let health = NodeHealth(scrape: scrape)
        #expect(health.status == .down(reason: "connection refused"))
        #expect(health.displayName == "chat7:9199")
        #expect(health.problems() == ["down: connection refused"])
    }
}
