import Testing
import Dashboard

@Suite struct HumanFormatTests {
    @Test func counts() {
        #expect(HumanFormat.count(48_210) == "48,210")
        #expect(HumanFormat.count(999) == "999")
        #expect(HumanFormat.count(1_000_000) == "1,000,000")
        #expect(HumanFormat.count(-1200) == "-1,200")
        #expect(HumanFormat.count(0) == "0")
    }

    @Test func compactNumbers() {
        #expect(HumanFormat.compact(0) == "0")
        #expect(HumanFormat.compact(950) == "950")
        #expect(HumanFormat.compact(2.5) == "2.5")
        #expect(HumanFormat.compact(1200) == "1.2k")
        #expect(HumanFormat.compact(1000) == "1k")
        #expect(HumanFormat.compact(48_210) == "48k")
        #expect(HumanFormat.compact(999_700) == "1M")
        #expect(HumanFormat.compact(1_300_000) == "1.3M")
        #expect(HumanFormat.compact(-2_500_000_000) == "-2.5G")
        #expect(HumanFormat.compact(1e21) == "1e21")
        #expect(HumanFormat.compact(.nan) == "-")
        #expect(HumanFormat.compact(.infinity) == "inf")
    }

    @Test func rates() {
        #expect(HumanFormat.rate(1200) == "+1.2k/s")
        #expect(HumanFormat.rate(1200, grouped: true) == "+1,200/s")
        #expect(HumanFormat.rate(-300) == "-300/s")
        #expect(HumanFormat.rate(0) == "0/s")
        #expect(HumanFormat.rate(0.5) == "+0.5/s")
    }

    @Test func bytesMillisecondsDurationsPercentages() {
        #expect(HumanFormat.bytes(3.4 * 1_073_741_824) == "3.4 GiB")
        #expect(HumanFormat.bytes(512) == "512 B")
        #expect(HumanFormat.bytes(48 * 1_048_576) == "48 MiB")
        #expect(HumanFormat.milliseconds(12.3) == "12ms")
        #expect(HumanFormat.milliseconds(0.42) == "0.4ms")
        #expect(HumanFormat.milliseconds(1500) == "1.5s")
        #expect(HumanFormat.milliseconds(130_000) == "2m10s")
        #expect(HumanFormat.duration(seconds: 130) == "2m10s")
        #expect(HumanFormat.duration(seconds: 120) == "2m")
        #expect(HumanFormat.duration(seconds: 45) == "45s")
        #expect(HumanFormat.duration(seconds: 3900) == "1h5m")
        #expect(HumanFormat.duration(seconds: 97_200) == "1d3h")
        #expect(HumanFormat.duration(seconds: 0) == "0s")
        #expect(HumanFormat.percent(0.934) == "93%")
    }

    @Test func bottleneckReasonSentence() {
        let reason = Bottleneck.describe(process: ProcessIdentity(node: "chat7@host", pid: "<0.1.0>", name: "chat_router"),
                                         queueLength: 48_210, growthPerSecond: 1200, threshold: 10_000, overThresholdSeconds: 120)
        #expect(reason == "chat_router on chat7@host: 48,210 queued, +1,200/s, over 10,000 for 2m")
        let under = Bottleneck.describe(process: ProcessIdentity(node: "n1", pid: "<0.5.0>"), queueLength: 900,
                                        growthPerSecond: -3, threshold: 10_000, overThresholdSeconds: nil)
        #expect(under == "<0.5.0> on n1: 900 queued, -3/s, threshold 10,000")
    }
}
