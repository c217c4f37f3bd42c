import ConfigFile
import Probe
import Testing

/// `shard:` in backlog.yml, and its mistakes pointed at by file, line and column.
@Suite struct ShardConfigTests {
    func load(_ yaml: String) throws(ConfigError) -> ScrapeConfig { try ScrapeConfigYAML.load(yaml, keys: ["targets", "shard"]) }

    func error(_ yaml: String) -> ConfigError? { ScrapeConfigYAML.error(yaml, keys: ["targets", "shard"]) }

    @Test func readsTotalAndIndex() throws {
        #expect(try load("targets: [{job: a, targets: ['h:1']}]\nshard: {total: 4, index: 2}\n").shard == Shard(total: 4, index: 2))
        #expect(try load("targets: [{job: a, targets: ['h:1']}]\n").shard == .whole)
    }

    @Test func pointsAtATotalBelowOne() throws {
        let found = try #require(error("shard:\n  total: 0\n  index: 0\n"))
        #expect(found.description.hasPrefix("/etc/backlog/backlog.yml:2:10: shard.total must be at least 1"), "\(found)")
    }

    @Test func pointsAtAnIndexOutsideTheShardsAndSaysWhichWork() throws {
        let found = try #require(error("shard: {total: 4, index: 4}\n"))
        #expect(found.line == 1 && found.column == 26, "\(found)")
        #expect(found.message == "shard.index 4 is not a shard of 4 — shards count from 0, as hashmod's value does: use 0 to 3")
        let negative = try #require(error("shard: {total: 1, index: -1}\n"))
        #expect(negative.message.hasSuffix("use 0"), "\(negative)")
    }

    @Test func namesAMissingKeyWithAnExample() throws {
        let found = try #require(error("shard: {total: 4}\n"))
        #expect(found.line == 1 && found.column == 8, "\(found)")
        #expect(found.message == "shard needs index (this agent's shard, from 0), as in shard: {total: 4, index: 2} for the third of four agents")
        let typo = try #require(error("shard: {total: 4, idx: 1}\n"))
        #expect(typo.message.contains("unknown key \"idx\" in shard"), "\(typo)")
        let notNumber = try #require(error("shard: {total: four, index: 1}\n"))
        #expect(notNumber.message.contains("shard.total must be a whole number"), "\(notNumber)")
    }
}
