import ConfigFile
import Probe
import Testing
import TimeSeries

/// The limits in backlog.yml: top-level keys are every group's defaults, a group's own keys
/// override them, and a bad value points at itself and says how to write it.
@Suite struct ScrapeLimitsConfigTests {
    static let topLevelKeys = ScrapeConfigTests.topLevelKeys.union(ScrapeLimits.keys)

    func load(_ yaml: String) throws(ConfigError) -> ScrapeConfig {
        let root = try YAMLNode.parse(yaml, file: "/etc/backlog/backlog.yml").mapping(allowedKeys: Self.topLevelKeys, context: "backlog.yml")
        return try ScrapeConfig(from: root)
    }

    func error(_ yaml: String) -> ConfigError? {
        do {
            _ = try load(yaml)
            return nil
        } catch { return error }
    }

    @Test func withoutKeysEveryGroupHasTheDefaults() throws {
        let config = try load("targets: [{job: a, targets: ['h:1']}]")
        #expect(config.limits == .defaults)
        #expect(config.groups[0].limits == .defaults)
        #expect(config.groups[0].limits.sampleLimit == 50_000)
        #expect(config.groups[0].limits.targetLimit == 0, "groups are not limited unless asked")
    }

    @Test func aGroupsOwnKeyOverridesTheTopLevelOne() throws {
        let config = try load("""
            sample_limit: 1000
            target_limit: 5
            label_value_length_limit: 512
            targets:
              - {job: a, targets: ['h:1'], sample_limit: 0, label_limit: 10}
              - {job: b, targets: ['h:2']}
            """)
        #expect(config.limits == ScrapeLimits(
            sampleLimit: 1000, labelLimit: 64, labelNameLengthLimit: 256, labelValueLengthLimit: 512, targetLimit: 5))
        #expect(config.groups[0].limits == ScrapeLimits(
            sampleLimit: 0, labelLimit: 10, labelNameLengthLimit: 256, labelValueLengthLimit: 512, targetLimit: 5))
        #expect(config.groups[1].limits == config.limits)
    }

    @Test func theTargetsOfAGroupCarryItsLimits() throws {
        let config = try load("""
            sample_limit: 1000
            targets:
              - {job: a, targets: ['h:1', 'h:2'], target_limit: 1}
            """)
        var resolver = TargetResolver(groups: config.groups)
        let targets = resolver.resolve().targets
        #expect(targets.count == 2)
        #expect(targets.allSatisfy { $0.limits.sampleLimit == 1000 && $0.limits.targetLimit == 1 })
    }

    @Test(arguments: [
        ("sample_limit: -1\n", 1, 15,
         "sample_limit must not be negative, found -1 — write the most samples one scrape may hold, such as 50000, or 0 for no limit"),
        ("label_limit: lots\n", 1, 14,
         "label_limit must be a whole number, found \"lots\" — write the most labels one series may have, such as 64, or 0 for no limit"),
        ("targets:\n  - job: a\n    targets: ['h:1']\n    target_limit: 2.5\n", 4, 19,
         "target_limit must be a whole number, found \"2.5\" — write the most targets the job may have, such as 1000, or 0 for no limit"),
        ("label_value_length_limit: [4096]\n", 1, 27,
         "label_value_length_limit must be a whole number, found a list — write the longest label value in bytes, such as 4096, or 0 for no limit"),
        ("targets:\n  - {job: a, targets: ['h:1'], label_name_length_limit: -5}\n", 2, 57,
         "label_name_length_limit must not be negative, found -5 — write the longest label name in bytes, such as 256, or 0 for no limit"),
    ] as [(String, Int, Int, String)])
    func aBadValuePointsAtItselfAndSaysHowToWriteIt(yaml: String, line: Int, column: Int, message: String) throws {
        let found = try #require(error(yaml))
        #expect(found == ConfigError(file: "/etc/backlog/backlog.yml", line: line, column: column, message: message))
    }

    @Test func aMisspelledLimitGetsASuggestion() throws {
        let found = try #require(error("targets:\n  - {job: a, targets: ['h:1'], sample_limits: 10}\n"))
        #expect(found.line == 2)
        #expect(found.message.contains("did you mean \"sample_limit\""), "\(found.message)")
    }
}
