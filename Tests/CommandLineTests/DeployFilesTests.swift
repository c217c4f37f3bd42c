import Foundation
import TestSupport
import Testing

/// The files in deploy/ pass the real tools that read them: systemd, Alertmanager, and the agent.
@Suite struct DeployFilesTests {
    static let root = BuiltProduct.directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let deploy = "\(root)/deploy"
    static let amtool = "/usr/bin/amtool"
    static let systemdAnalyze = "/usr/bin/systemd-analyze"

    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "backlog-deploy-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// Runs a tool to completion; both outputs.
    func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: amtool), "amtool is not installed (it comes with prometheus-alertmanager)"))
    func alertmanagerRouteForHAPairsPassesAmtool() throws {
        let file = "\(Self.deploy)/alertmanager-ha.yml"
        let check = try run(Self.amtool, ["check-config", file])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("SUCCESS"))
        // Pages and warnings reach their receivers.
        let page = try run(Self.amtool, ["config", "routes", "test", "--config.file=\(file)", "alertname=ErlangProcessBacklog", "severity=page"])
        #expect(page.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "oncall", "\(page)")
        let warn = try run(Self.amtool, ["config", "routes", "test", "--config.file=\(file)", "alertname=ErlangRunQueueHigh", "severity=warn"])
        #expect(warn.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "team", "\(warn)")
    }

    /// systemd checks the unit as it would load it. The unit names /usr/local/bin/backlog, which a
    /// build machine lacks and systemd-analyze insists on, so the check runs on a copy that starts
    /// the built executable instead; that line is the only one changed.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: systemdAnalyze), "systemd-analyze is not installed"))
    func systemdUnitPassesSystemdAnalyzeVerify() throws {
        let unit = try String(contentsOfFile: "\(Self.deploy)/backlog-agent.service", encoding: .utf8)
        let execStart = "ExecStart=/usr/local/bin/backlog agent --config /etc/backlog/backlog.yml"
        #expect(unit.split(separator: "\n").contains { $0 == execStart })
        for line in ["Type=simple", "ExecReload=/bin/kill -HUP $MAINPID", "Restart=on-failure", "User=backlog", "NoNewPrivileges=yes",
                     "ProtectSystem=strict", "ReadWritePaths=/var/lib/backlog"] {
            #expect(unit.split(separator: "\n").contains { $0 == line }, "the unit has \(line)")
        }
        let copy = "\(directory)/backlog-agent.service"
        let built = "ExecStart=\(BuiltProduct.url("backlog").path) agent --config /etc/backlog/backlog.yml"
        try unit.replacingOccurrences(of: execStart, with: built).write(toFile: copy, atomically: true, encoding: .utf8)
        let verify = try run(Self.systemdAnalyze, ["verify", copy])
        #expect(verify.status == 0, "\(verify.stderr)")
        // systemd-analyze exits 0 even for unknown keys and values it cannot parse; it names the
        // file and line of each, so any line about the unit is a problem.
        let complaints = (verify.stdout + verify.stderr).split(separator: "\n").filter { $0.contains("backlog-agent.service") }
        #expect(complaints.isEmpty, "\(complaints)")
    }

    /// The example configs of an HA pair, installed as the unit expects (/etc/backlog/backlog.yml
    /// with the shipped rules beside it), pass `--check-config` without warnings.
    @Test(arguments: ["backlog-a.yml", "backlog-b.yml"])
    func haPairExampleConfigPassesCheckConfig(_ name: String) throws {
        try FileManager.default.copyItem(atPath: "\(Self.root)/rules", toPath: "\(directory)/rules")
        try FileManager.default.copyItem(atPath: "\(Self.deploy)/ha/\(name)", toPath: "\(directory)/backlog.yml")
        let check = try CommandRun.backlog(["agent", "--check-config", "--config", "\(directory)/backlog.yml"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stderr.isEmpty, "no warnings: \(check.stderr)")
        #expect(check.stdout.contains("receivers alertmanagers"), "\(check.stdout)")
    }

    @Test func haPairExampleConfigsDifferOnlyInTheReplica() throws {
        let a = try String(contentsOfFile: "\(Self.deploy)/ha/backlog-a.yml", encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let b = try String(contentsOfFile: "\(Self.deploy)/ha/backlog-b.yml", encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(a.count == b.count)
        let differing = zip(a, b).filter { $0 != $1 }.filter { !$0.0.hasPrefix("#") }
        #expect(differing.map(\.0) == ["external_labels: {dc: ams, replica: a}   # replica: b on the other agent"], "\(differing)")
    }
}
