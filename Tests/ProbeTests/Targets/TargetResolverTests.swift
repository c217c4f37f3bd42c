import ConfigFile
import Foundation
import Probe
import Testing
import TimeSeries

@Suite struct TargetResolverTests {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "backlog-targets-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func write(_ text: String, to name: String) throws -> String {
        let path = "\(directory)/\(name)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func addsJobInstanceAndGroupLabels() {
        var resolver = TargetResolver(groups: [
            TargetGroup(job: "chat", endpoints: ["chat1:9199"], labels: Labels(["dc": "ams"]))
        ])
        let (targets, problems) = resolver.resolve()
        #expect(problems.isEmpty)
        #expect(targets.count == 1)
        #expect(targets.first?.url == "http://chat1:9199/metrics")
        #expect(targets.first?.labels == Labels(["job": "chat", "instance": "chat1:9199", "dc": "ams"]))
    }

    @Test func rereadsATargetsFileWhenItChanges() throws {
        let path = try write("- targets: ['a:1']\n  labels: {rack: r1}\n", to: "t.yml")
        var resolver = TargetResolver(groups: [TargetGroup(job: "more", targetsFile: path)])
        #expect(resolver.resolve().targets.map(\.instance) == ["a:1"])
        #expect(resolver.resolve().targets.first?.labels["rack"] == "r1")
        _ = try write("- targets: ['a:1', 'b:2']\n", to: "t.yml")
        #expect(resolver.resolve().targets.map(\.instance) == ["a:1", "b:2"])
    }

    @Test func keepsTheLastGoodTargetsWhenTheFileTurnsBadAndReportsItOnce() throws {
        let path = try write("- targets: ['a:1']\n", to: "t.yml")
        var resolver = TargetResolver(groups: [
            TargetGroup(job: "static", endpoints: ["s:9"]), TargetGroup(job: "more", targetsFile: path),
        ])
        _ = resolver.resolve()
        _ = try write("- targets: ['a:1'\n", to: "t.yml")
        let broken = resolver.resolve()
        #expect(broken.targets.map(\.instance) == ["s:9", "a:1"])
        let problem = try #require(broken.problems.first)
        #expect(problem.file == path)
        #expect(problem.line >= 1)
        #expect(resolver.resolve().problems.isEmpty, "the same problem is reported once, not every cycle")
        _ = try write("- targets: ['c:3']\n", to: "t.yml")
        #expect(resolver.resolve().targets.map(\.instance) == ["s:9", "c:3"])
    }

    @Test func reportsAMissingTargetsFile() throws {
        var resolver = TargetResolver(groups: [TargetGroup(job: "more", targetsFile: "\(directory)/missing.yml")])
        let result = resolver.resolve()
        #expect(result.targets.isEmpty)
        #expect(result.problems.first?.message == "no such file")
    }
}
