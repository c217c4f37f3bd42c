import TimeSeries

/// Checks, for strict OpenMetrics, that each histogram series' buckets rise in `le`, count
/// cumulatively, and end with `le="+Inf"`.
///
/// A run is the consecutive `_bucket` samples of one series; any other sample ends it.
struct HistogramBucketCheck {
    /// The bucket samples of one series read so far.
    private struct Run {
        var family: Int
        /// The bucket labels without `le`, which identify the series.
        var series: Labels
        var upperBound: Double
        var count: Double
    }

    private var run: Run?

    /// Checks one sample; `isBucket` is true for the `_bucket` samples of (gauge) histograms.
    mutating func check(_ sample: Sample, family: Int, isBucket: Bool) throws(RuleViolation) {
        guard isBucket else { return try finish() }
        guard let le = sample.labels["le"] else {
            throw RuleViolation("histogram bucket \(MessageText.quoted(sample.labels.name)) has no \"le\" label")
        }
        guard let bound = Array(le.utf8).withUnsafeBufferPointer(NumberSyntax.float), !bound.isNaN else {
            throw RuleViolation("invalid \"le\" value \(MessageText.quoted(le)); expected a number or \"+Inf\"")
        }
        let series = sample.labels.removing(["le"])
        guard var current = run, current.family == family, current.series == series else {
            try finish()
            run = Run(family: family, series: series, upperBound: bound, count: sample.value)
            return
        }
        guard bound > current.upperBound else {
            throw RuleViolation("buckets of \(MessageText.shortened(series.description)) must be sorted by increasing \"le\"; \(MessageText.quoted(le)) comes after \(MessageText.quoted(SampleValueFormat.text(current.upperBound)))")
        }
        guard sample.value >= current.count else {
            throw RuleViolation("buckets of \(MessageText.shortened(series.description)) must be cumulative; \(SampleValueFormat.text(sample.value)) comes after \(SampleValueFormat.text(current.count))")
        }
        current.upperBound = bound
        current.count = sample.value
        run = current
    }

    /// Ends the current run, which must have reached `le="+Inf"`.
    mutating func finish() throws(RuleViolation) {
        guard let ended = run else { return }
        run = nil
        guard ended.upperBound == .infinity else {
            throw RuleViolation("buckets of \(MessageText.shortened(ended.series.description)) must end with le=\"+Inf\"")
        }
    }
}
