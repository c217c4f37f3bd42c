/// The time terms of the last window each step fitted, reused while the next series' window
/// has the same sample times — as all the series of one scrape do, whether or not a store
/// shares the arrays — so `deriv` and `predict_linear` over a million series sum only values.
struct RegressionTimes {
    /// Per step: the window's times and intercept time, and the terms worked out from them.
    /// Parallel arrays of plain values, so reusing them costs no reference counting.
    private var times: [[Int64]]
    private var interceptTimes: [Int64]
    private var xs: [[Double]]
    private var sums: [LinearRegression.TimeSums]

    init(stepCount: Int) {
        times = Array(repeating: [], count: stepCount)
        interceptTimes = Array(repeating: 0, count: stepCount)
        xs = Array(repeating: [], count: stepCount)
        sums = Array(repeating: LinearRegression.TimeSums(x: 0, variance: 0), count: stepCount)
    }

    /// Whether this type computes the function.
    static func fits(_ function: Function) -> Bool { function == .deriv || function == .predictLinear }

    /// The time a function's fit is relative to: `deriv` the window's first sample,
    /// `predict_linear` the evaluation time.
    static func interceptTime(of function: Function, _ windowTimes: UnsafeBufferPointer<Int64>, evaluationTime: Int64) -> Int64 {
        function == .deriv ? windowTimes[0] : evaluationTime
    }

    /// Whether the step's terms are those of these window times.
    func holds(_ windowTimes: UnsafeBufferPointer<Int64>, interceptTime: Int64, step: Int) -> Bool {
        guard interceptTimes[step] == interceptTime, times[step].count == windowTimes.count else { return false }
        return times[step].withUnsafeBufferPointer { cached in
            for index in cached.indices where cached[index] != windowTimes[index] { return false }
            return true
        }
    }

    /// Makes the step's terms those of these window times.
    mutating func update(_ windowTimes: UnsafeBufferPointer<Int64>, interceptTime: Int64, step: Int) {
        times[step] = Array(windowTimes)
        interceptTimes[step] = interceptTime
        xs[step] = LinearRegression.xs(windowTimes, interceptTime: interceptTime)
        sums[step] = xs[step].withUnsafeBufferPointer(LinearRegression.timeSums)
    }

    /// `deriv` or `predict_linear` of one window of at least two samples, none of them a
    /// staleness marker, at the times last given to `update` for the step: the same bits as
    /// `Function.evaluate` gives for that window.
    func value(of function: Function, values: UnsafeBufferPointer<Double>, step: Int, argument: Double?) -> Double {
        let line = xs[step].withUnsafeBufferPointer { LinearRegression.fit(values, xs: $0, timeSums: sums[step]) }
        return function == .deriv ? line.slope : line.slope * (argument ?? 0) + line.intercept
    }

    /// The same for each lane of a batch of windows with the times last given for the step.
    func values(of function: Function, _ batch: RegressionBatch, step: Int, argument: Double?) -> SIMD4<Double> {
        let line = xs[step].withUnsafeBufferPointer { xs in
            batch.samples.withUnsafeBufferPointer { LinearRegression.fit($0, xs: xs, timeSums: sums[step]) }
        }
        return function == .deriv ? line.slope : line.slope * (argument ?? 0) + line.intercept
    }
}
