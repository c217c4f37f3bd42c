import Testing
import TimeSeries

@Suite struct PromDurationTests {
    @Test(arguments: [("1s", 1000), ("800ms", 800), ("1h30m", 5_400_000), ("2d", 172_800_000), ("0s", 0)] as [(String, Int64)])
    func parsesPrometheusDurations(text: String, milliseconds: Int64) throws {
        let duration = try #require(PromDuration(parsing: text))
        #expect(duration.milliseconds == milliseconds)
    }

    @Test(arguments: ["", "1", "s", "1m1h", "1.5s", "-1s", "1x"])
    func rejectsMalformedDurations(text: String) {
        #expect(PromDuration(parsing: text) == nil)
    }

    @Test func printsShortestForm() {
        #expect(PromDuration(milliseconds: 5_400_000).description == "1h30m")
        #expect(PromDuration(milliseconds: 1500).description == "1s500ms")
        #expect(PromDuration.zero.description == "0s")
    }
}
