import Alerting
import ArgumentParser

/// `backlog rules test FILE…`: rule unit tests in promtool's test-file format.
struct RulesTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run rule unit tests (promtool's test-file format).",
        discussion: """
            Each test file names its rule_files (relative to the test file), input series in the \
            expanding notation (0+10x100, 1x5, _, stale) and the alerts and query results expected \
            at given times. A failing check prints what was expected (-) and what the rules gave \
            (+); the exit status is then 1.
            """)

    @Argument(help: "Test files to run.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give one or more test files") }
    }

    func run() throws {
        var errors: [String] = []
        var failed = 0
        for path in files {
            do {
                let outcome = try RuleTestRunner.run(path: path)
                print(outcome.report)
                if !outcome.passed { failed += 1 }
            } catch {
                errors += error.errors.map(\.description)
            }
        }
        if !errors.isEmpty || failed > 0 {
            let summary = failed > 0 ? ["\(failed) of \(files.count) test files failed"] : []
            throw CommandFailure((errors + summary).joined(separator: "\n"))
        }
    }
}
