import TimeSeries

/// The difference between expected and actual alerts or samples, one `-` line per expected
/// item missing and one `+` line per unexpected item, so a failing test reads like a diff.
enum RuleTestDiff {
    /// Empty when the alerts match (order does not matter).
    static func alerts(expected: [RuleTestFile.ExpectedAlert], got: [RuleTestFile.ExpectedAlert]) -> [String] {
        var missing = expected
        var extra: [RuleTestFile.ExpectedAlert] = []
        for alert in got {
            if let index = missing.firstIndex(of: alert) { missing.remove(at: index) } else { extra.append(alert) }
        }
        let order = { (a: RuleTestFile.ExpectedAlert, b: RuleTestFile.ExpectedAlert) in Labels.ruleOrder(a.labels, b.labels) }
        return missing.sorted(by: order).flatMap { lines($0, sign: "-") } + extra.sorted(by: order).flatMap { lines($0, sign: "+") }
    }

    /// Empty when the samples match; values must agree to about 12 significant digits.
    static func samples(expected: [RuleTestFile.ExpectedSample], got: [RuleTestFile.ExpectedSample]) -> [String] {
        var missing = expected
        var extra: [RuleTestFile.ExpectedSample] = []
        for sample in got {
            if let index = missing.firstIndex(where: { $0.labels == sample.labels && same($0.value, sample.value) }) {
                missing.remove(at: index)
            } else {
                extra.append(sample)
            }
        }
        let order = { (a: RuleTestFile.ExpectedSample, b: RuleTestFile.ExpectedSample) in Labels.ruleOrder(a.labels, b.labels) }
        return missing.sorted(by: order).map { "- \($0.labels) \(SampleValueFormat.text($0.value))" }
            + extra.sorted(by: order).map { "+ \($0.labels) \(SampleValueFormat.text($0.value))" }
    }

    private static func lines(_ alert: RuleTestFile.ExpectedAlert, sign: String) -> [String] {
        let name = alert.labels["alertname"] ?? ""
        let rest = alert.labels.removing(["alertname"]).map { "\($0.name)=\"\(Labels.escape($0.value))\"" }
        var out = ["\(sign) \(name){\(rest.joined(separator: ", "))}"]
        out += alert.annotations.map { "\(sign)     \($0.name): \($0.value)" }
        return out
    }

    private static func same(_ left: Double, _ right: Double) -> Bool {
        if left == right || (left.isNaN && right.isNaN) { return true }
        guard left.isFinite, right.isFinite else { return false }
        return abs(left - right) <= 1e-12 * max(abs(left), abs(right))
    }
}
