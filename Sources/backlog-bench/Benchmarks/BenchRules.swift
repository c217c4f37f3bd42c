/// The rule file the alert-delay benchmarks run: one backlog threshold that fires at once, so
/// what is timed is polling, evaluation and delivery, not a `for:` duration.
enum BenchRules {
    static let backlog = """
        groups:
          - name: bench
            rules:
              - {alert: BenchBacklog, expr: backlog_bench_queue > 10000, for: 0s}
        """

    /// Writes the rule file as `rules.yml` in `directory`.
    static func write(in directory: String) throws {
        try backlog.write(toFile: "\(directory)/rules.yml", atomically: true, encoding: .utf8)
    }
}
