import ArgumentParser
import Foundation
import TimeSeries

/// The `backlog` command line.
@main
struct Backlog: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backlog",
        abstract: "Watch the message queue length of every process on every Erlang/BEAM node.",
        version: BuildInfo.version,
        subcommands: [
            DemoCommand.self, WatchCommand.self, AgentCommand.self, TopCommand.self, HistoryCommand.self, QueryCommand.self,
            RulesCommand.self, ScrapeCommand.self, InspectCommand.self, ImportCommand.self, FleetCommand.self, AttachCommand.self,
        ]
    )

    /// Runs the command; a `CommandFailure` prints its message alone (no usage text) and exits non-zero.
    static func main() async {
        do {
            var command = try parseAsRoot(QueryCommand.expressionLast(Array(CommandLine.arguments.dropFirst())))
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data("\(failure.message)\n".utf8))
            Foundation.exit(failure.exitCode)
        } catch {
            exit(withError: error)
        }
    }
}
