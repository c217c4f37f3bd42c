import Testing
import TimeSeries

@Suite struct LabelsTests {
    @Test func sortsDeduplicatesAndDropsEmptyValues() {
        let labels = Labels([Label("pid", "<0.1.0>"), Label("__name__", "q"), Label("name", ""), Label("pid", "<0.2.0>")])
        #expect(labels.map(\.name) == ["__name__", "pid"])
        #expect(labels["pid"] == "<0.2.0>")
        #expect(labels["name"] == nil)
        #expect(labels.name == "q")
    }

    @Test func setKeepsOrderAndEmptyRemoves() {
        var labels = Labels(["b": "2", "d": "4"])
        labels.set("c", "3")
        labels.set("a", "1")
        #expect(labels.map(\.name) == ["a", "b", "c", "d"])
        labels.set("b", "")
        #expect(labels.map(\.name) == ["a", "c", "d"])
    }

    @Test func printsLikePrometheus() {
        let labels = Labels(["__name__": "up", "job": "chat", "note": "a\"b\\c\nd"])
        #expect(labels.description == #"up{job="chat", note="a\"b\\c\nd"}"#)
    }
}
