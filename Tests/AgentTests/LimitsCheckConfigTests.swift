import Foundation
import TestSupport
import Testing

/// `backlog agent --check-config` with limits: it shows those in force and each group's own,
/// warns about a group over its `target_limit`, and points at a bad value.
@Suite struct LimitsCheckConfigTests {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "backlog-limits-check-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func check(_ yaml: String) throws -> CommandRun {
        let path = "\(directory)/backlog.yml"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return try CommandRun.backlog(["agent", "--check-config", "--config", path])
    }

    @Test func showsTheLimitsInForceAndEachGroupsOwn() throws {
        let run = try check("""
            sample_limit: 20000
            targets:
              - {job: chat, targets: ['chat1:9199', 'chat2:9199'], target_limit: 500}
              - {job: rabbit, targets: ['mq1:15692'], sample_limit: 200000, label_value_length_limit: 0}
              - {job: edge, targets: ['edge1:9199']}
            """)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("""
              limits    sample_limit 20000, label_limit 64, label_name_length_limit 256,
                        label_value_length_limit 4096, target_limit 0 (none)
                        job chat: target_limit 500
                        job rabbit: sample_limit 200000, label_value_length_limit 0 (none)
              rules     none

            """), "\(run.stdout)")
        #expect(run.stderr.isEmpty)
    }

    @Test func showsTheDefaultsWhenNothingIsSet() throws {
        let run = try check("targets: [{job: chat, targets: ['chat1:9199']}]\n")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("""
              limits    sample_limit 50000, label_limit 64, label_name_length_limit 256,
                        label_value_length_limit 4096, target_limit 0 (none)
              rules     none

            """), "\(run.stdout)")
    }

    @Test func warnsAboutAGroupOverItsTargetLimit() throws {
        let run = try check("""
            target_limit: 2
            targets:
              - {job: chat, targets: ['chat1:9199', 'chat2:9199', 'chat3:9199']}
              - {job: edge, targets: ['edge1:9199']}
            """)
        #expect(run.status == 0, "a warning, not a failure: \(run.stderr)")
        #expect(run.stderr == """
            warning: \(directory)/backlog.yml:3: job "chat" has 3 targets, over its target_limit 2: \
            the agent would fail every one of them unpolled — raise target_limit, or split the job

            """)
    }

    @Test func pointsAtABadValue() throws {
        let run = try check("targets:\n  - job: chat\n    targets: ['chat1:9199']\n    sample_limit: many\n")
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix(
            "\(directory)/backlog.yml:4:19: sample_limit must be a whole number, found \"many\" — write the most samples one scrape may hold"),
            "\(run.stderr)")
    }
}

extension LimitsCheckConfigTests {
    @Test func showsTheSeriesBudgetWithTheMemoryItImplies() throws {
        let budget = try check("targets: [{job: chat, targets: ['chat1:9199']}]\nhistory: {max_series: 200000}\n")
        #expect(budget.status == 0, "\(budget.stderr)")
        #expect(budget.stdout.contains("  series    max_series 200000 (about 740 MB in memory at the budget)\n"), "\(budget.stdout)")
        let off = try check("targets: [{job: chat, targets: ['chat1:9199']}]\nhistory: {max_series: 0}\n")
        #expect(off.stdout.contains("  series    max_series 0 (no budget)\n"), "\(off.stdout)")
    }
}
