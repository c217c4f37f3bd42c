import Foundation
import TestSupport
import Testing

/// `backlog agent` as a user runs it.
@Suite struct AgentCommandTests {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "backlog-agent-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func write(_ text: String) throws -> String {
        let path = "\(directory)/backlog.yml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func checkConfigSummarisesAGoodFile() throws {
        let path = try write("interval: 2s\ntargets:\n  - {job: chat, targets: ['h1:9199', 'h2:9199']}\n")
        let run = try CommandRun.backlog(["agent", "--config", path, "--check-config"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\(path): OK"))
        #expect(run.stdout.contains("targets   1 jobs, 2 listed"))
        #expect(run.stdout.contains("poll      every 2s, timeout 1s600ms"))
    }

    @Test func theAgentRaisesItsOpenFileLimitForATargetEach() async throws {
        let path = try write("interval: 1s\nlisten: 127.0.0.1:\(LoopbackPort.unused())\ntargets: []\nhistory: {path: h.db}\n")
        // Started with a low soft limit, as a login shell often sets one (1,024).
        let agent = Process()
        agent.executableURL = URL(fileURLWithPath: "/bin/sh")
        agent.arguments = ["-c", "ulimit -S -n 256 && exec \"$0\" agent --config \"$1\"", BuiltProduct.url("backlog").path, path]
        agent.standardOutput = FileHandle.nullDevice
        agent.standardError = FileHandle.nullDevice
        try agent.run()
        defer {
            agent.terminate()
            agent.waitUntilExit()
        }
        func openFiles() -> (soft: String, hard: String)? {
            guard let limits = try? String(contentsOfFile: "/proc/\(agent.processIdentifier)/limits", encoding: .utf8),
                let line = limits.split(separator: "\n").first(where: { $0.hasPrefix("Max open files") })
            else { return nil }
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            return fields.count >= 5 ? (String(fields[3]), String(fields[4])) : nil
        }
        try await waitUntil("the agent raised its soft limit") {
            guard let limits = openFiles() else { return false }
            return limits.soft != "256"
        }
        let limits = try #require(openFiles())
        #expect(limits.soft == limits.hard, "soft \(limits.soft), hard \(limits.hard)")
    }

    @Test func checkConfigPointsAtTheMistake() throws {
        let path = try write("interval: 1s\ntargets:\n  - job: chat\n    targets: ['h1']\n")
        let run = try CommandRun.backlog(["agent", "--config", path, "--check-config"])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("\(path):4:15: target \"h1\" must be host:port"), "\(run.stderr)")
    }

    @Test func aMissingConfigSaysSo() throws {
        let run = try CommandRun.backlog(["agent", "--config", "\(directory)/none.yml", "--check-config"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("none.yml:0:0: no such file"))
    }

    @Test func sigtermFinishesCleanlyAndLogsAsJSON() throws {
        let port = LoopbackPort.unused()
        let path = try write("targets:\n  - {job: chat, targets: ['127.0.0.1:1']}\nlisten: 127.0.0.1:\(port)\nhistory: {path: a.db}\n")
        let process = Process()
        process.executableURL = BuiltProduct.url("backlog")
        process.arguments = ["agent", "--config", path, "--log-format", "json"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        #expect(waitUntil(timeout: 60) { (try? LoopbackConnection(port: port).get("/-/healthy").status) == 200 })
        // A first poll (its "target down" is in the log) before the signal.
        #expect(waitUntil(timeout: 60) {
            let metrics = (try? LoopbackConnection(port: port).get("/metrics").text) ?? ""
            return metrics.split(separator: "\n").contains { $0.hasPrefix("backlog_cycles_total ") && !$0.hasSuffix(" 0") }
        })
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let lines = log.split(separator: "\n")
        #expect(lines.allSatisfy { $0.hasPrefix("{\"ts\":") && $0.hasSuffix("}") }, "\(log)")
        #expect(log.contains(#""msg":"target down""#))
        #expect(log.contains(#""msg":"stopping","signal":"SIGTERM""#))
        #expect(FileManager.default.fileExists(atPath: "\(directory)/a.db"))
    }
}
