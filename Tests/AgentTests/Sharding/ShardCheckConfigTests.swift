import Foundation
import Probe
import TestSupport
import Testing

/// `backlog agent --check-config` with `shard:`: it says how many targets the shard holds and
/// lists them, targets files included.
@Suite struct ShardCheckConfigTests {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "backlog-shard-check-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// 100 targets listed in backlog.yml and 50 in a targets file.
    static let listed = (0..<100).map { "chat\($0).example:9199" }
    static let inFile = (0..<50).map { "10.0.\($0 / 10).\($0 % 10 + 1):9199" }

    func write(shard: String, targetsFile: String = "- targets: [\(inFile.map { "'\($0)'" }.joined(separator: ", "))]\n") throws -> String {
        try targetsFile.write(toFile: "\(directory)/more.yml", atomically: true, encoding: .utf8)
        let path = "\(directory)/backlog.yml"
        try """
            targets:
              - {job: chat, targets: [\(Self.listed.map { "'\($0)'" }.joined(separator: ", "))]}
              - {job: edge, targets_file: more.yml}
            \(shard)
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func listsTheTargetsOfItsShard() throws {
        let path = try write(shard: "shard: {total: 4, index: 2}")
        let run = try CommandRun.backlog(["agent", "--check-config", "--config", path])
        #expect(run.status == 0, "\(run.stderr)")
        let mine = (Self.listed.map { ("chat", $0) } + Self.inFile.map { ("edge", $0) })
            .filter { Shard.index(of: $0.1, total: 4) == 2 }
        #expect(run.stdout.contains("  shard     2 of 4: \(mine.count) of 150 targets (hashmod of host:port, as Prometheus)\n"), "\(run.stdout)")
        let listing = run.stdout.components(separatedBy: "polls, as shard 2 of 4:\n")
        try #require(listing.count == 2, "\(run.stdout)")
        let expected = mine.map { "  \($0.0)  http://\($0.1)/metrics" }
        #expect(listing[1].split(separator: "\n").map(String.init) == expected)
        #expect(mine.count > 20 && mine.count < 60, "a quarter of 150, give or take")
    }

    @Test func withoutAShardListsEveryTarget() throws {
        let path = try write(shard: "")
        let run = try CommandRun.backlog(["agent", "--check-config", "--config", path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("  shard     none: all 150 targets\n"))
        #expect(run.stdout.components(separatedBy: "polls:\n").last?.split(separator: "\n").count == 150)
    }

    @Test func pointsAtABadShardOrTargetsFile() throws {
        let bad = try CommandRun.backlog(["agent", "--check-config", "--config", try write(shard: "shard: {total: 4, index: 4}")])
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("\(directory)/backlog.yml:4:26: shard.index 4 is not a shard of 4"), "\(bad.stderr)")
        let broken = try CommandRun.backlog([
            "agent", "--check-config", "--config", try write(shard: "shard: {total: 4, index: 1}", targetsFile: "- targets: ['nope']\n"),
        ])
        #expect(broken.status == 1)
        #expect(broken.stderr.hasPrefix("\(directory)/more.yml:1:13: target \"nope\" must be host:port"), "\(broken.stderr)")
    }
}
