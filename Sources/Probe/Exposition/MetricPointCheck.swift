import TimeSeries

/// The OpenMetrics rules about how samples group into metrics and points, for strict reading.
///
/// A metric is a family's samples that share their labels once the labels a point spreads over
/// its samples (`le`, `quantile`, a stateset's state) are set aside; a point is a metric's samples
/// at one timestamp. Metrics may not be interleaved, a metric's points rise in timestamp, a point
/// names each sample once, and a histogram's point holds sorted, cumulative buckets that end in
/// `le="+Inf"`, with `_count` and `_sum` together or not at all.
struct MetricPointCheck {
    /// What the validator learned about one sample that the point rules need.
    struct Entry {
        var sample: Sample
        var family: Int
        var familyName: String
        var type: MetricType
        var suffix: MetricSuffix
        /// The labels that tell the family's metrics apart.
        var metric: Labels
        /// The `le` of a histogram bucket.
        var bound: Double?
        var exemplar: Exemplar?
        var nameStart: Int
        var valueStart: Int
        var exemplarStart: Int?
    }

    /// A value some rule needs at the end of the point, and where it was written.
    private struct Written {
        var value: Double
        var offset: Int
    }

    /// The point being read.
    private struct Point {
        var family: Int
        var familyName: String
        var type: MetricType
        var metric: Labels
        var timestamp: Timestamp?
        var samples: Set<Labels> = []
        /// The bucket labels without `le`, as messages name the buckets.
        var bucketSeries: Labels?
        var bucketCount = 0
        var upperBound = -Double.infinity
        var bucketValue = 0.0
        /// A sample other than a bucket came after the buckets.
        var bucketsEnded = false
        var hasNegativeBound = false
        var count: Written?
        var sum: Written?
        var created: Written?
        var hasTotal = false

        init(_ entry: Entry) {
            family = entry.family
            familyName = entry.familyName
            type = entry.type
            metric = entry.metric
            timestamp = entry.sample.timestamp
        }

        var isHistogram: Bool { type == .histogram || type == .gaugehistogram }
    }

    private var point: Point?
    /// The metrics of the current family that are complete, which may not come back.
    private var finishedMetrics: Set<Labels> = []

    /// Adds a sample to its point, ending the previous point when this one starts another.
    mutating func add(_ entry: Entry, cursor: ByteCursor) throws(ExpositionParseError) {
        let at = entry.nameStart
        if let current = point, current.family == entry.family, current.metric == entry.metric {
            if current.timestamp != entry.sample.timestamp {
                try checkOrder(of: current, entry, cursor: cursor)
                try finish(at: at, cursor: cursor)
                point = Point(entry)
            }
        } else {
            if let current = point {
                try finish(at: at, cursor: cursor)
                if current.family == entry.family {
                    finishedMetrics.insert(current.metric)
                } else {
                    finishedMetrics.removeAll(keepingCapacity: true)
                }
            }
            if finishedMetrics.contains(entry.metric) {
                let series = MessageText.shortened(entry.metric.setting(Labels.metricName, entry.familyName).description)
                throw cursor.error("metric \(series) appears again after other metrics of its family; its samples must be contiguous", at: at)
            }
            point = Point(entry)
        }
        guard var current = point else { return }
        // Taken out while it changes, so its set of samples is not copied.
        point = nil
        try add(entry, to: &current, cursor: cursor)
        point = current
    }

    /// Ends the point being read, checking what only a whole point can show; `offset` is what ended it.
    mutating func finish(at offset: Int, cursor: ByteCursor) throws(ExpositionParseError) {
        guard let ended = point else { return }
        point = nil
        let name = ended.familyName
        if ended.isHistogram {
            guard let series = ended.bucketSeries else {
                throw Self.error("\(ended.type.rawValue) \(MessageText.quoted(name)) has a point with no buckets; it needs at least le=\"+Inf\"", at: offset, cursor)
            }
            if ended.upperBound != .infinity {
                throw Self.error(Self.missingInfinity(series), at: offset, cursor)
            }
            let (countName, sumName) = ended.type == .histogram ? ("_count", "_sum") : ("_gcount", "_gsum")
            switch (ended.count, ended.sum) {
            case (let count?, nil):
                throw Self.error("\(MessageText.quoted(name + countName)) is given without \(MessageText.quoted(name + sumName)); a point has both or neither", at: count.offset, cursor)
            case (nil, let sum?):
                throw Self.error("\(MessageText.quoted(name + sumName)) is given without \(MessageText.quoted(name + countName)); a point has both or neither", at: sum.offset, cursor)
            default:
                break
            }
            if let count = ended.count, count.value != ended.bucketValue {
                throw Self.error("\(MessageText.quoted(name + countName)) is \(SampleValueFormat.text(count.value)) but the le=\"+Inf\" bucket is \(SampleValueFormat.text(ended.bucketValue)); they must be equal", at: count.offset, cursor)
            }
            if let sum = ended.sum, ended.hasNegativeBound {
                if ended.type == .histogram {
                    throw Self.error("histogram \(MessageText.quoted(name)) has buckets below 0, so it must not have \(MessageText.quoted(name + "_sum"))", at: sum.offset, cursor)
                }
            } else if let sum = ended.sum, sum.value < 0 {
                throw Self.error("\(MessageText.quoted(name + sumName)) must not be negative unless there are buckets below 0", at: sum.offset, cursor)
            }
        } else if ended.type == .counter, !ended.hasTotal, let created = ended.created {
            throw Self.error("counter \(MessageText.quoted(name)) has a point with \(MessageText.quoted(name + "_created")) but no \(MessageText.quoted(name + "_total"))", at: created.offset, cursor)
        }
    }

    /// Forgets the finished metrics when a metadata line starts or continues a family.
    mutating func leaveFamily() {
        finishedMetrics.removeAll(keepingCapacity: true)
    }

    private func checkOrder(of current: Point, _ entry: Entry, cursor: ByteCursor) throws(ExpositionParseError) {
        let series = MessageText.shortened(entry.sample.labels.description)
        guard let previous = current.timestamp, let next = entry.sample.timestamp else {
            throw cursor.error("\(series) mixes samples with and without timestamps; a metric's points have a timestamp each or none", at: entry.nameStart)
        }
        guard next > previous else {
            throw cursor.error("\(series) at timestamp \(next.milliseconds) comes after timestamp \(previous.milliseconds); a metric's points must rise in time", at: entry.nameStart)
        }
    }

    private func add(_ entry: Entry, to point: inout Point, cursor: ByteCursor) throws(ExpositionParseError) {
        let sample = entry.sample
        guard point.samples.insert(sample.labels).inserted else {
            let at = sample.timestamp.map { " at timestamp \($0.milliseconds)" } ?? ""
            throw cursor.error("duplicate series \(MessageText.shortened(sample.labels.description))\(at)", at: entry.nameStart)
        }
        guard point.isHistogram else {
            switch entry.suffix {
            case .total: point.hasTotal = true
            case .created: point.created = Written(value: sample.value, offset: entry.nameStart)
            default: break
            }
            return
        }
        if entry.suffix != .bucket, point.bucketCount > 0, !point.bucketsEnded {
            point.bucketsEnded = true
            if point.upperBound != .infinity, let series = point.bucketSeries {
                throw cursor.error(Self.missingInfinity(series), at: entry.nameStart)
            }
        }
        let written = Written(value: sample.value, offset: entry.valueStart)
        switch entry.suffix {
        case .bucket: try addBucket(entry, to: &point, cursor: cursor)
        case .count, .gcount: point.count = written
        case .sum, .gsum: point.sum = written
        default: break
        }
    }

    private func addBucket(_ entry: Entry, to point: inout Point, cursor: ByteCursor) throws(ExpositionParseError) {
        let sample = entry.sample
        let bound = entry.bound ?? .infinity
        let series = point.bucketSeries ?? sample.labels.removing(["le"])
        let shown = MessageText.shortened(series.description)
        if point.bucketsEnded {
            throw cursor.error("buckets of \(shown) must be contiguous; this one follows other samples of the point", at: entry.nameStart)
        }
        if point.bucketCount > 0 {
            guard bound > point.upperBound else {
                throw cursor.error("buckets of \(shown) must be sorted by increasing \"le\"; \(MessageText.quoted(sample.labels["le"] ?? "")) comes after \(MessageText.quoted(SampleValueFormat.text(point.upperBound)))", at: entry.nameStart)
            }
            guard sample.value >= point.bucketValue else {
                throw cursor.error("buckets of \(shown) must be cumulative; \(SampleValueFormat.text(sample.value)) comes after \(SampleValueFormat.text(point.bucketValue))", at: entry.nameStart)
            }
        }
        if let exemplar = entry.exemplar, let offset = entry.exemplarStart {
            let above = point.bucketCount > 0 ? point.upperBound : -Double.infinity
            guard exemplar.value <= bound, exemplar.value > above else {
                let range = point.bucketCount > 0 ? "above \(SampleValueFormat.text(above)) and " : ""
                throw cursor.error("exemplar value \(SampleValueFormat.text(exemplar.value)) is outside its bucket, which holds values \(range)at most \(SampleValueFormat.text(bound))", at: offset)
            }
        }
        point.bucketSeries = series
        point.bucketCount += 1
        point.upperBound = bound
        point.bucketValue = sample.value
        if bound < 0 { point.hasNegativeBound = true }
    }

    private static func missingInfinity(_ series: Labels) -> String {
        "buckets of \(MessageText.shortened(series.description)) must end with le=\"+Inf\""
    }

    /// An error at `offset`, which may lie on an earlier line than the cursor's.
    static func error(_ message: String, at offset: Int, _ cursor: ByteCursor) -> ExpositionParseError {
        offset >= cursor.lineStart ? cursor.error(message, at: offset) : ByteCursor(locating: offset, in: cursor.buffer).error(message)
    }
}
