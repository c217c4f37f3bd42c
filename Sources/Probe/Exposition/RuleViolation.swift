/// A broken OpenMetrics family rule, found without knowing where; the parser adds the line and column.
struct RuleViolation: Error {
    var message: String

    init(_ message: String) {
        self.message = message
    }
}
