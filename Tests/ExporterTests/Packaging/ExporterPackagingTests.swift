import Foundation
import TestSupport
import Testing

/// The exporter as a dependency: its rebar3 project's own tests, a Mix project that depends on it
/// by path, and a rebar3 release that includes it. Real tools, no network.
@Suite(.serialized) struct ExporterPackagingTests {
    @Test func rebar3CompilesAndItsEUnitSuitePasses() throws {
        let scratch = try Scratch()
        let project = try ExporterProject.copy(into: scratch.path)
        let compile = try ToolRun.run("rebar3", ["compile"], in: project.directory)
        #expect(compile.status == 0, "\(compile.output)")
        let eunit = try ToolRun.run("rebar3", ["eunit"], in: project.directory)
        #expect(eunit.status == 0, "\(eunit.output)")
        #expect(eunit.output.contains("tests passed") || eunit.output.contains("Test passed"), "\(eunit.output)")
    }

    @Test func aMixProjectDependsOnItByPathAndItsNodeIsScraped() async throws {
        let scratch = try Scratch()
        let project = try ExporterProject.copy(into: scratch.path)
        let app = scratch.path + "/demo"
        let port = LoopbackPort.unused()
        try FileManager.default.createDirectory(atPath: app + "/config", withIntermediateDirectories: true)
        try """
            defmodule Demo.MixProject do
              use Mix.Project
              def project, do: [app: :demo, version: "0.1.0", deps: [{:backlog_exporter, path: "\(project.directory)", manager: :rebar3}]]
              def application, do: [extra_applications: [:logger]]
            end
            """.write(toFile: app + "/mix.exs", atomically: true, encoding: .utf8)
        try "import Config\nconfig :backlog_exporter, port: \(port)\n".write(toFile: app + "/config/config.exs", atomically: true, encoding: .utf8)
        let environment = ["MIX_REBAR3": "/usr/bin/rebar3", "HEX_OFFLINE": "1", "MIX_HOME": scratch.path + "/mix", "HOME": scratch.path]
        let compile = try ToolRun.run("mix", ["compile"], in: app, environment: environment)
        try #require(compile.status == 0, "\(compile.output)")

        let node = ChildProcess()
        try node.run(ToolRun.process("mix", ["run", "--no-halt"], in: app, environment: environment))
        defer { node.kill() }
        try await waitUntil("the Mix node's exporter answers", timeout: .seconds(60), pollEvery: .milliseconds(200)) {
            (try? LoopbackConnection.get(port: port, path: "/metrics", timeout: .seconds(2)))?.status == 200
        }
        let scrape = try CommandRun.backlog(["scrape", "127.0.0.1:\(port)", "--format", "json"])
        #expect(scrape.status == 0, "\(scrape.stderr)")
        #expect(scrape.stdout.contains("erlang_vm_process_count"), "\(scrape.stdout)")
    }

    @Test func aRebar3ReleaseIncludingItServesAndStoppingTheApplicationFreesThePort() async throws {
        let scratch = try Scratch()
        let release = scratch.path + "/demo"
        try FileManager.default.createDirectory(atPath: release + "/_checkouts", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: release + "/config", withIntermediateDirectories: true)
        // A checkout is a dependency rebar3 uses as it is, without fetching anything.
        _ = try ExporterProject.copy(into: release + "/_checkouts")
        let port = LoopbackPort.unused()
        try """
            {deps, [backlog_exporter]}.
            {relx, [{release, {demo, "0.1.0"}, [sasl, backlog_exporter]},
                    {sys_config, "config/sys.config"}, {vm_args, "config/vm.args"},
                    {dev_mode, false}, {include_erts, false}, {extended_start_script, true}]}.
            """.write(toFile: release + "/rebar.config", atomically: true, encoding: .utf8)
        try "[{backlog_exporter, [{port, \(port)}]}].\n".write(toFile: release + "/config/sys.config", atomically: true, encoding: .utf8)
        // Its own node name, so a concurrent run's release cannot clash with it.
        try "-sname demo\(port)\n-setcookie demo\(port)\n".write(toFile: release + "/config/vm.args", atomically: true, encoding: .utf8)
        let built = try ToolRun.run("rebar3", ["release"], in: release, environment: ["HOME": scratch.path])
        try #require(built.status == 0, "\(built.output)")

        let script = release + "/_build/default/rel/demo/bin/demo"
        let environment = ["HOME": scratch.path]
        let daemon = try ToolRun.run(script, ["daemon"], in: release, environment: environment)
        try #require(daemon.status == 0, "\(daemon.output)")
        defer { _ = try? ToolRun.run(script, ["stop"], in: release, environment: environment) }
        try await waitUntil("the release's exporter answers", timeout: .seconds(60), pollEvery: .milliseconds(200)) {
            (try? LoopbackConnection.get(port: port, path: "/metrics", timeout: .seconds(2)))?.status == 200
        }
        let stop = try ToolRun.run(script, ["eval", "application:stop(backlog_exporter)."], in: release, environment: environment)
        #expect(stop.status == 0 && stop.output.contains("ok"), "\(stop.output)")
        // Nothing listens there any more (the closed connections' TIME_WAIT stays, as after any server).
        #expect((try? LoopbackConnection.get(port: port, path: "/metrics", timeout: .seconds(2))) == nil)
    }
}

/// A temporary folder removed when the test is done with it.
final class Scratch {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "backlog-exporter-packaging-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
