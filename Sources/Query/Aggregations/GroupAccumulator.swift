/// One group's running aggregate at one step, for the operators that reduce a group to one
/// value: `sum`, `avg`, `count`, `min`, `max`, `group`, `stddev`, `stdvar` and `quantile`.
struct GroupAccumulator {
    private let op: AggregationOperator
    private var count: Double = 1
    private var sum: KahanSum
    private var mean: MeanAccumulator
    /// `min`, `max`; for `stddev`/`stdvar` the sum of squared deviations.
    private var extreme: Double
    /// `stddev`/`stdvar`: the running mean of Welford's algorithm.
    private var runningMean: Double
    /// `quantile`: every value.
    private var values: [Double] = []

    init(_ op: AggregationOperator, first value: Double) {
        self.op = op
        sum = KahanSum(value)
        mean = MeanAccumulator(value)
        runningMean = value
        extreme = value
        switch op {
        case .stddev, .stdvar: extreme = value.isNaN || value.isInfinite ? .nan : 0
        case .quantile: values = [value]
        default: break
        }
    }

    mutating func add(_ value: Double) {
        count += 1
        switch op {
        case .sum: sum.add(value)
        case .avg: mean.add(value)
        case .min: if extreme > value || extreme.isNaN { extreme = value }
        case .max: if extreme < value || extreme.isNaN { extreme = value }
        case .stddev, .stdvar:
            let delta = value - runningMean
            runningMean += delta / count
            extreme += delta * (value - runningMean)
        case .quantile: values.append(value)
        default: break
        }
    }

    /// The group's value; `parameter` is φ for `quantile`.
    func result(_ parameter: Double) -> Double {
        switch op {
        case .sum: sum.total
        case .avg: mean.mean
        case .count: count
        case .group: 1
        case .min, .max: extreme
        case .stdvar: extreme / count
        case .stddev: (extreme / count).squareRoot()
        case .quantile: Quantiles.quantile(parameter, of: values)
        default: preconditionFailure("\(op.rawValue) keeps series instead of reducing them")
        }
    }
}
