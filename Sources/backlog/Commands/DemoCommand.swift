import Agent
import ArgumentParser
import Fleet
import Foundation
import TimeSeries

/// `backlog demo`: a simulated fleet, an agent with the shipped rules, a local webhook sink and
/// the dashboard, from one command on a fresh machine.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Try Backlog with nothing else running: a simulated fleet, rules, alerts and the dashboard.",
        discussion: """
            Starts 10 simulated Erlang nodes on loopback (the default fleet scenario: a chat_router \
            mailbox starts growing 5 s in, pages after about two minutes and recovers, every three \
            minutes), an agent that polls them every second with the rules in rules/, a local \
            webhook sink whose deliveries show in the alerts panel, and the dashboard. Ctrl-C or q \
            stops everything. --headless prints alerts as they arrive instead.
            """)

    @Flag(name: .long, help: "No dashboard: print alerts as they are delivered.")
    var headless = false

    @Option(name: .long, help: "Simulated nodes.")
    var nodes: Int = 10

    @Option(name: .long, help: "The folder of rule files (default: rules/ here or next to the build).")
    var rules: String?

    /// Starts the fleet's story this many seconds into its cycle, so a test sees the page fire
    /// and resolve without first waiting through the minute before the backlog passes 10,000.
    @Option(name: .long, help: .hidden)
    var storySecond: Int = 0

    func validate() throws {
        if nodes < 1 || nodes > 500 { throw ValidationError("--nodes must be between 1 and 500") }
        if storySecond < 0 { throw ValidationError("--story-second must not be negative") }
    }

    func run() async throws {
        let ruleFiles = try DemoFiles.ruleFiles(in: rules)
        let epoch = storySecond == 0 ? nil : Timestamp(milliseconds: Timestamp.now().milliseconds - Int64(storySecond) * 1000)
        let fleet = FleetServer(config: FleetConfig(nodeCount: nodes, basePort: 0, epoch: epoch))
        do { try await fleet.start() } catch { throw CommandFailure("cannot start the simulated fleet: \(error)") }
        let headless = headless
        let sink = DemoWebhookSink { line in
            if headless { FileHandle.standardOutput.write(Data("\(DemoFiles.clock()) \(line)\n".utf8)) }
        }
        let hook: String
        do { hook = try sink.start() } catch { throw CommandFailure("cannot start the demo's webhook sink: \(error)") }
        let directory = NSTemporaryDirectory() + "backlog-demo-\(getpid())"
        let config = try DemoFiles.writeConfig(in: directory, targets: fleet.targets, ruleFiles: ruleFiles, webhook: hook)
        if headless {
            let banner = "demo: \(fleet.targets.count) simulated nodes, \(ruleFiles.count) rule files, history in \(directory)"
                + "; alerts print below as the webhook receives them (Ctrl-C stops)\n"
            FileHandle.standardOutput.write(Data(banner.utf8))
        }
        let session = DashboardSession(config: config, alertRows: { sink.rows() }, headless: headless)
        try await session.run()
        sink.stop()
        try? await fleet.shutdown()
    }
}
