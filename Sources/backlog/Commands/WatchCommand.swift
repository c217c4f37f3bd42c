import Agent
import ArgumentParser
import Dashboard
import Foundation
import Logging
import Synchronization
import Ranking
import TimeSeries

/// `backlog watch`: the agent in-process, with the full-screen dashboard over it.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "The dashboard over live targets: the fleet, and which process backlog is the next bottleneck.",
        discussion: """
            Runs the agent in-process (poll, store, evaluate, deliver as configured) and draws the \
            dashboard. Keys: arrows, PgUp/PgDn, Enter (a node's detail), / (filter), s (sort), \
            p (pause), ? (help), q (quit). Logs go to the history file's name plus .log. When standard \
            output is not a terminal, a plain-text report is printed every interval instead.
            """)

    @Option(name: .long, help: "The config file (instead of URLs).")
    var config: String?

    @Argument(help: "Targets to watch: URLs, or host:port.")
    var urls: [String] = []

    @Option(name: .long, help: "The history file when watching URLs.")
    var db: String = "backlog.db"

    @Option(name: .long, help: "How often to read what is new from --source.")
    var interval: String = "1s"

    @OptionGroup var source: SourceOptions

    func validate() throws {
        if source.source != nil {
            if config != nil || !urls.isEmpty { throw ValidationError("give --source, --config or URLs, not several") }
            if (PromDuration(parsing: interval)?.milliseconds ?? 0) <= 0 {
                throw ValidationError("--interval \"\(interval)\" is not a positive duration — write it like 1s or 5s")
            }
            return
        }
        if config == nil && urls.isEmpty { throw ValidationError("give --config FILE, one or more URLs, or --source URL") }
        if config != nil && !urls.isEmpty { throw ValidationError("give --config or URLs, not both") }
    }

    func run() async throws {
        if let settings = source.settings {
            let session = SourceDashboardSession(
                settings: settings, metrics: BacklogMetric.defaults, interval: PromDuration(parsing: interval) ?? .seconds(1))
            return try await session.run()
        }
        if let config {
            let fromConfig: (settings: SourceSettings, interval: PromDuration, metrics: [BacklogMetric])?
            do { fromConfig = try SourceSettings.fromConfig(path: config) } catch { throw CommandFailure(error.description) }
            if let fromConfig {
                let session = SourceDashboardSession(
                    settings: fromConfig.settings, metrics: fromConfig.metrics, interval: fromConfig.interval)
                return try await session.run()
            }
        }
        let agentConfig: AgentConfig
        if let config {
            do { agentConfig = try AgentConfig.load(path: config) } catch { throw CommandFailure(error.description) }
        } else {
            agentConfig = AgentConfig.forTargets(urls, historyPath: db)
        }
        // It polls the targets itself: a socket each.
        FileDescriptorLimit.raiseToHardLimit()
        let session = DashboardSession(config: agentConfig)
        try await session.run()
    }
}
