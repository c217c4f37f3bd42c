import ErlangAttach
import Foundation
import TestSupport
import Testing

/// `backlog attach` against real named nodes with their own cookies.
@Suite(.serialized) struct AttachCommandTests {
    @Test func attachesStartsReportsAnExporterAlreadyThereAndStopsIt() async throws {
        let node = try await NamedNode.start()
        defer { node.stop() }
        let port = LoopbackPort.unused()
        let attached = try CommandRun.backlog(["attach", node.name, "--cookie-file", node.cookieFile, "--port", "\(port)", "--option", "top_k=5"])
        #expect(attached.status == 0, "\(attached.stderr)")
        #expect(attached.stdout.contains("port \(port)") && attached.stdout.contains("compiled with erlc from"), "\(attached.stdout)")
        try await waitUntil("the attached exporter serves", timeout: .seconds(30)) {
            (try? LoopbackConnection.get(port: port, path: "/metrics", timeout: .seconds(2)))?.status == 200
        }

        // The second agent of an HA pair attaches too: told, not failed.
        let again = try CommandRun.backlog(["attach", node.name, "--cookie-file", node.cookieFile, "--port", "\(port + 1)"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("already runs") && again.stdout.contains("port \(port)") && again.stdout.contains("top_k => 5"), "\(again.stdout)")

        let stopped = try CommandRun.backlog(["attach", node.name, "--cookie-file", node.cookieFile, "--stop"])
        #expect(stopped.status == 0, "\(stopped.stderr)")
        #expect(stopped.stdout.contains("stopped the exporter"), "\(stopped.stdout)")
        // Nothing listens there any more (the closed connections' TIME_WAIT stays, as after any server).
        #expect((try? LoopbackConnection.get(port: port, path: "/metrics", timeout: .seconds(2))) == nil)
        #expect(try node.call("code", "is_loaded", "[backlog_exporter]") == "false")
    }

    @Test func aWrongCookieAnUnknownNodeAndABadNameEachSayWhatToDo() async throws {
        let node = try await NamedNode.start()
        defer { node.stop() }
        let wrong = NSTemporaryDirectory() + "backlog-wrong-cookie-\(UUID().uuidString)"
        try "NOTTHECOOKIE".write(toFile: wrong, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: wrong) }

        let refused = try CommandRun.backlog(["attach", node.name, "--cookie-file", wrong])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("refused the connection") && refused.stderr.contains(wrong), "\(refused.stderr)")
        #expect(!refused.stderr.contains("NOTTHECOOKIE") && !refused.stdout.contains("NOTTHECOOKIE"))

        let unknown = try CommandRun.backlog(["attach", "nosuchnode@\(node.host)", "--cookie-file", node.cookieFile])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("no node nosuchnode@\(node.host) is running") && unknown.stderr.contains(node.name), "\(unknown.stderr)")

        let badName = try CommandRun.backlog(["attach", "chat1", "--cookie-file", node.cookieFile])
        #expect(badName.status != 0)
        #expect(badName.stderr.contains("name@host"), "\(badName.stderr)")

        let noCookie = try CommandRun.backlog(["attach", node.name, "--cookie-file", wrong + ".missing"])
        #expect(noCookie.status != 0)
        #expect(noCookie.stderr.contains("cannot read the cookie file") && noCookie.stderr.contains("no such file"), "\(noCookie.stderr)")
    }

    @Test func nodeNamesSayWhichKindOfNameTheyUse() throws {
        let short = try ErlangNodeName(parsing: "chat1@db3")
        #expect(!short.usesLongNames && short.nameFlag == "-sname")
        let long = try ErlangNodeName(parsing: "chat1@10.0.0.7")
        #expect(long.usesLongNames && long.nameFlag == "-name")
        #expect(throws: AttachError.badNodeName("chat1")) { try ErlangNodeName(parsing: "chat1") }
        #expect(throws: AttachError.badNodeName("@db3")) { try ErlangNodeName(parsing: "@db3") }
        #expect(throws: AttachError.badNodeName("a@b@c")) { try ErlangNodeName(parsing: "a@b@c") }
    }

    @Test func aBeamLoadsOnItsOwnReleaseAndNewerOnly() {
        #expect(OTPRelease.canLoad(compiledBy: 25, on: 25))
        #expect(OTPRelease.canLoad(compiledBy: 25, on: 26))
        #expect(!OTPRelease.canLoad(compiledBy: 25, on: 24))
        #expect(OTPRelease.major("25") == 25)
        #expect(OTPRelease.major("R16B03") == 16)
        #expect(OTPRelease.major("") == nil)
    }

    @Test func optionsBecomeAnErlangMap() throws {
        var options = ExporterOptions()
        try options.set("port", "9300")
        try options.set("bind", "0.0.0.0")
        try options.set("port", "9301")
        #expect(options.entries.map(\.key) == ["bind", "port"])
        #expect(options.entries.map(\.value) == ["0.0.0.0", "9301"])
        #expect(throws: AttachError.badOption("Port")) { try options.set("Port", "1") }
    }
}
