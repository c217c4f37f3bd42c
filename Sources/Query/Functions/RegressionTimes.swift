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

    /// Whether `value(of:…)` computes the function.
    static func fits(_ function: Function) -> Bool { function == .deriv || function == .predictLinear }

    /// `deriv` or `predict_linear` of one window without staleness markers, straight from the
    /// series' buffers; the same bits as `Function.evaluate` gives for that window.
    mutating func value(
        of function: Function, times windowTimes: UnsafeBufferPointer<Int64>, values: UnsafeBufferPointer<Double>,
        step: Int, evaluationTime: Int64, argument: Double?
    ) -> Double? {
        guard values.count >= 2 else { return nil }
        let interceptTime = function == .deriv ? windowTimes[0] : evaluationTime
        if interceptTimes[step] != interceptTime || !RegressionTimes.equal(times[step], windowTimes) {
            times[step] = Array(windowTimes)
            interceptTimes[step] = interceptTime
            xs[step] = LinearRegression.xs(windowTimes, interceptTime: interceptTime)
            sums[step] = xs[step].withUnsafeBufferPointer(LinearRegression.timeSums)
        }
        let line = xs[step].withUnsafeBufferPointer { LinearRegression.fit(values, xs: $0, timeSums: sums[step]) }
        return function == .deriv ? line.slope : line.slope * (argument ?? 0) + line.intercept
    }

    private static func equal(_ cached: [Int64], _ times: UnsafeBufferPointer<Int64>) -> Bool {
        guard cached.count == times.count else { return false }
        return cached.withUnsafeBufferPointer { cached in
            for index in cached.indices where cached[index] != times[index] { return false }
            return true
        }
    }
}
