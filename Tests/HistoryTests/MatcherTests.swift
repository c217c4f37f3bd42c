import History
import Testing
import TimeSeries

@Suite struct MatcherTests {
    let directory = TemporaryDirectory()

    /// Five series; `name` is missing on two of them.
    func store() throws -> HistoryStore {
        let store = try HistoryStore(path: directory.file())
        let series: [[String: String]] = [
            ["job": "chat", "name": "router", "pid": "<0.1.0>"],
            ["job": "chat", "name": "session_sup", "pid": "<0.2.0>"],
            ["job": "chat", "pid": "<0.3.0>"],
            ["job": "push", "name": "router", "pid": "<0.4.0>"],
            ["job": "push", "pid": "<0.5.0>"],
        ]
        try store.append(series.map { Fixture.sample(Fixture.labels("queue_len", $0), 1, at: 1) }, at: Fixture.time(1))
        return store
    }

    func pids(_ reader: some HistoryReading, _ matchers: [LabelMatcher]) throws -> [String] {
        try reader.select(matchers, from: Fixture.time(0), through: Fixture.time(2)).map { $0.labels["pid"]! }.sorted()
    }

    @Test func equalityAndInequality() throws {
        let store = try store()
        #expect(try pids(store, [.equal("job", "chat")]) == ["<0.1.0>", "<0.2.0>", "<0.3.0>"])
        #expect(try pids(store, [.equal("job", "chat"), .equal("name", "router")]) == ["<0.1.0>"])
        #expect(try pids(store, [.equal("job", "chat"), LabelMatcher("name", .notEqual, "router")]) == ["<0.2.0>", "<0.3.0>"])
        #expect(try pids(store, [.equal("job", "nope")]) == [])
    }

    @Test func regexMatchersEnumerateLabelValues() throws {
        let store = try store()
        #expect(try pids(store, [LabelMatcher("name", .regexMatch, "rou.*|session_.+")]) == ["<0.1.0>", "<0.2.0>", "<0.4.0>"])
        #expect(try pids(store, [LabelMatcher("name", .regexMatch, "rou")]) == [])
        #expect(try pids(store, [.equal("job", "push"), LabelMatcher("name", .regexNoMatch, "router")]) == ["<0.5.0>"])
    }

    @Test func matchersAcceptingEmptyKeepSeriesWithoutTheLabel() throws {
        let store = try store()
        #expect(try pids(store, [.equal("job", "chat"), .equal("name", "")]) == ["<0.3.0>"])
        #expect(try pids(store, [.equal("job", "chat"), LabelMatcher("name", .regexMatch, "router|")]) == ["<0.1.0>", "<0.3.0>"])
        #expect(try pids(store, [LabelMatcher("name", .notEqual, "")]) == ["<0.1.0>", "<0.2.0>", "<0.4.0>"])
        #expect(try pids(store, [LabelMatcher("name", .regexNoMatch, ".+")]) == ["<0.3.0>", "<0.5.0>"])
        #expect(try pids(store, [LabelMatcher("missing", .regexMatch, ".*")]).count == 5)
    }

    @Test func labelNamesAndValuesComeFromTheIndex() throws {
        let store = try store()
        #expect(try store.labelNames() == ["__name__", "job", "name", "pid"])
        #expect(try store.labelValues(name: "name") == ["router", "session_sup"])
        let reader = try HistoryReader(path: directory.file())
        #expect(try reader.labelValues(name: "job") == ["chat", "push"])
        #expect(try reader.seriesCount == 5)
    }
}
