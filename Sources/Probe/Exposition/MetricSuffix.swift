/// The endings that tie a sample to its family, such as `_bucket` on histogram `foo`'s `foo_bucket`.
enum MetricSuffix: String, CaseIterable {
    case none = ""
    case total = "_total"
    case created = "_created"
    case bucket = "_bucket"
    case count = "_count"
    case sum = "_sum"
    case info = "_info"
    case gcount = "_gcount"
    case gsum = "_gsum"

    /// The suffixes OpenMetrics allows on the samples of a family of `type`.
    static func allowed(for type: MetricType) -> [MetricSuffix] {
        switch type {
        case .counter: [.total, .created]
        case .histogram: [.bucket, .count, .sum, .created]
        case .gaugehistogram: [.bucket, .gcount, .gsum]
        case .summary: [.none, .count, .sum, .created]
        case .info: [.info]
        case .gauge, .stateset, .unknown, .untyped: [.none]
        }
    }
}
