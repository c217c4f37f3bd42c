import Agent
import ArgumentParser
import ConfigFile
import Foundation
import Logging
import Probe

/// `backlog agent`: poll, store, evaluate and notify, without a screen.
struct AgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent",
        abstract: "Poll every target, keep the history, evaluate rules and deliver alerts.",
        discussion: """
            SIGHUP re-reads the config and the rule files (rule files are also watched); an invalid \
            new file is reported and the running rules stay. SIGTERM or SIGINT finishes the cycle in flight and exits. \
            The agent serves /metrics (its own figures), the Prometheus HTTP API (/api/v1/query, \
            query_range, series, labels, rules, alerts, targets, …) and /federate on `listen:` \
            (127.0.0.1:9300 by default; `web:` adds basic auth and TLS).
            """)

    @Option(name: .long, help: "The config file.")
    var config: String = "backlog.yml"

    @Flag(name: .long, help: "Check the config and everything it names, list the targets this agent's shard polls, then exit.")
    var checkConfig = false

    @Option(name: .long, help: "Log lines as logfmt or json.")
    var logFormat: LogFormatArgument = .logfmt

    @Option(name: .long, help: "Least important log level shown: debug, info, warning, error.")
    var logLevel: String = "info"

    func validate() throws {
        if Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("--log-level must be one of debug, info, notice, warning, error")
        }
    }

    func run() async throws {
        let loaded: AgentConfig
        do { loaded = try AgentConfig.load(path: config) } catch { throw CommandFailure(error.description) }
        // Rule files and receivers are checked before anything starts, as Prometheus does.
        let problems = AlertingSetup.check(loaded)
        if !problems.isEmpty { throw CommandFailure(problems.map(\.description).joined(separator: "\n")) }
        if checkConfig {
            // Warnings do not fail the check: the setup works, but likely not as meant.
            for warning in AlertingSetup.warnings(loaded) { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
            // Targets files are read too, so the listing is what this agent's shard would poll now.
            var resolver = TargetResolver(groups: loaded.scrape.groups)
            let (targets, fileProblems) = resolver.resolve()
            if !fileProblems.isEmpty { throw CommandFailure(fileProblems.map(\.description).joined(separator: "\n")) }
            for warning in ConfigSummary.warnings(loaded, targets: targets) {
                FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
            }
            print(ConfigSummary.render(loaded, targets: targets), terminator: "")
            return
        }
        // A socket per target: a thousand targets would pass the usual soft limit of 1,024 files.
        FileDescriptorLimit.raiseToHardLimit()
        let format = logFormat.format
        let level = Logger.Level(rawValue: logLevel)!
        LoggingSystem.bootstrap { label in LineLogHandler(label: label, format: format, level: level) }
        let logger = Logger(label: "backlog.agent")
        let signals = TerminationSignal(also: [SIGHUP])
        let runtime = AgentRuntime(config: loaded, logger: logger)
        let server: AgentHTTPServer
        do {
            server = try AgentHTTPServer(host: loaded.listen.host, port: loaded.listen.port, router: AgentRoutes.router(runtime))
        } catch { throw CommandFailure(error.description) }
        logger.info("serving", metadata: ["address": "\(loaded.listen.host):\(server.port)", "paths": "/metrics /api/v1/* /federate"])
        runtime.start()
        while true {
            let signal = await signals.next()
            guard signal == SIGHUP else {
                logger.info("stopping", metadata: ["signal": "\(signal == SIGTERM ? "SIGTERM" : "SIGINT")"])
                break
            }
            do { runtime.reload(try AgentConfig.load(path: config)) } catch {
                logger.error("config reload failed; the running config stays", metadata: ["error": "\(error.description)"])
            }
        }
        runtime.stop()
        server.shutdown()
    }
}

/// `--log-format` values.
enum LogFormatArgument: String, ExpressibleByArgument, CaseIterable {
    case logfmt, json

    var format: LogFormat { self == .json ? .json : .logfmt }
}
