import ArgumentParser

/// `backlog rules`: check rule files and run their unit tests, without a fleet.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Check alerting and recording rule files, and run their unit tests.",
        subcommands: [RulesCheckCommand.self, RulesTestCommand.self])
}
