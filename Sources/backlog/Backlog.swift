import ArgumentParser

/// The `backlog` command line.
@main
struct Backlog: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backlog",
        abstract: "Watch the message queue length of every process on every Erlang/BEAM node.",
        subcommands: [ScrapeCommand.self, FleetCommand.self]
    )
}
