import TimeSeries

/// A rule unit-test file in promtool's format: rule files, evaluation interval, and test
/// groups of input series with the alerts and query results expected at given times.
struct RuleTestFile {
    var path: String
    /// Rule files resolved against the test file's folder (globs allowed).
    var ruleFiles: [String]
    var evaluationInterval: PromDuration
    var groupEvaluationOrder: [String]
    var tests: [TestGroup]

    struct TestGroup {
        var name: String
        var location: SourceLocation
        /// The spacing of input samples; defaults to the evaluation interval.
        var interval: PromDuration
        var inputSeries: [InputSeries]
        var alertTests: [AlertTest]
        var queryTests: [QueryTest]
        var externalLabels: Labels
        var externalURL: String

        var checkCount: Int { alertTests.count + queryTests.count }
    }

    struct InputSeries {
        var labels: Labels
        var values: [Double?]
    }

    /// Which alerts must be firing for `alertname` at `evalTime` (an empty list: none).
    struct AlertTest {
        var evalTime: PromDuration
        var alertname: String
        var expected: [ExpectedAlert]
        var location: SourceLocation
    }

    struct ExpectedAlert: Hashable {
        var labels: Labels
        var annotations: Labels
    }

    /// What a query must return at `evalTime`.
    struct QueryTest {
        var expr: String
        var evalTime: PromDuration
        var expected: [ExpectedSample]
        var location: SourceLocation
    }

    struct ExpectedSample {
        var labels: Labels
        var value: Double
    }
}
