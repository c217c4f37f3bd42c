import Testing
import TimeSeries

@Suite struct TargetLabelsTests {
    @Test func mergesTargetLabelsInOrder() {
        let scraped = Labels(["__name__": "q", "pid": "<0.1.0>", "name": "router"])
        let merged = scraped.addingTargetLabels(Labels(["job": "chat", "instance": "h:1", "dc": "ams"]))
        #expect(merged.map(\.name) == ["__name__", "dc", "instance", "job", "name", "pid"])
    }

    @Test func keepsAClashingScrapedLabelAsExported() {
        let scraped = Labels(["__name__": "q", "job": "mine", "instance": "theirs"])
        let merged = scraped.addingTargetLabels(Labels(["job": "chat", "instance": "h:1"]))
        #expect(merged["job"] == "chat")
        #expect(merged["instance"] == "h:1")
        #expect(merged["exported_job"] == "mine")
        #expect(merged["exported_instance"] == "theirs")
    }
}
