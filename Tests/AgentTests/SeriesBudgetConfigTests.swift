import Agent
import ConfigFile
import Foundation
import History
import Testing

/// `history.max_series`: parsed, defaulted, and pointed at with file:line:column when wrong.
@Suite struct SeriesBudgetConfigTests {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "backlog-budget-config-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func load(_ text: String) throws(ConfigError) -> AgentConfig {
        let path = "\(directory)/backlog.yml"
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
        return try AgentConfig.load(path: path)
    }

    @Test func defaultsToHalfAMillionAndReadsACount() throws {
        #expect(try load("interval: 1s\n").history.seriesBudget == SeriesBudget(maxSeries: 500_000))
        #expect(try load("history:\n  max_series: 250000\n").history.seriesBudget.maxSeries == 250_000)
        #expect(try load("history: {max_series: 0}\n").history.seriesBudget.isEnabled == false)
    }

    @Test(arguments: [
        ("history:\n  max_series: lots\n", 2, 15, "history.max_series must be a whole number, found \"lots\""),
        ("history:\n  max_series: 1.5\n", 2, 15, "history.max_series must be a whole number, found \"1.5\""),
        ("history:\n  path: h.db\n  max_series: -5\n", 3, 15, "history.max_series must be 0 (no budget) or more, found -5"),
    ])
    func pointsAtABadValue(text: String, line: Int, column: Int, message: String) {
        #expect(throws: ConfigError(file: "\(directory)/backlog.yml", line: line, column: column, message: message)) {
            try load(text)
        }
    }
}
