import Alerting
import ArgumentParser

/// `backlog rules check FILE…`: every mistake in every file, as `file:line:column: message`.
struct RulesCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check rule files: YAML, keys, durations, names, PromQL and templates.",
        discussion: """
            Prints a summary of each valid file. Every error is printed as file:line:column: message \
            (inside expr and templates too), and the exit status is then 1.
            """)

    @Argument(help: "Rule files to check.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give one or more rule files") }
    }

    func run() throws {
        var errors: [String] = []
        for path in files {
            do {
                print(RulesCheckCommand.summary(try RuleFileParser.load(path: path)))
            } catch {
                errors += error.errors.map(\.description)
            }
        }
        if !errors.isEmpty { throw CommandFailure(errors.joined(separator: "\n")) }
    }

    /// `file: 1 group, 4 alerting rules, 1 recording rule` and a line per group.
    static func summary(_ file: RuleFile) -> String {
        let alerting = file.groups.reduce(0) { $0 + $1.alertingRuleCount }
        let recording = file.groups.reduce(0) { $0 + $1.recordingRuleCount }
        var lines = [
            "\(file.path): \(count(file.groups.count, "group")), \(count(alerting, "alerting rule")), \(count(recording, "recording rule"))"
        ]
        for group in file.groups {
            let interval = group.interval.map { "every \($0)" } ?? "every cycle"
            lines.append(
                "  \(group.name) (\(interval)): \(count(group.alertingRuleCount, "alerting rule")), \(count(group.recordingRuleCount, "recording rule"))"
            )
        }
        return lines.joined(separator: "\n")
    }

    private static func count(_ value: Int, _ noun: String) -> String { "\(value) \(noun)\(value == 1 ? "" : "s")" }
}
