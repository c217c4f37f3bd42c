/// The time sums of the last window each step fitted, reused while the next series' window has
/// the same sample times — as all the series of one scrape do, whether or not a store shares
/// the arrays — so `deriv` and `predict_linear` over a million series sum only their values.
struct RegressionTimes {
    private var windows: [(times: [Int64], interceptTime: Int64, sums: LinearRegression.TimeSums)?]

    init(stepCount: Int) { windows = Array(repeating: nil, count: stepCount) }

    /// The time sums of a window at a step, relative to `interceptTime`.
    mutating func sums(
        _ times: UnsafeBufferPointer<Int64>, interceptTime: Int64, step: Int
    ) -> LinearRegression.TimeSums {
        if let cached = windows[step], cached.interceptTime == interceptTime, cached.times.elementsEqual(times) {
            return cached.sums
        }
        let sums = LinearRegression.timeSums(times, interceptTime: interceptTime)
        windows[step] = (Array(times), interceptTime, sums)
        return sums
    }
}

extension RegressionTimes {
    /// Whether `value(of:…)` computes the function.
    static func fits(_ function: Function) -> Bool { function == .deriv || function == .predictLinear }

    /// `deriv` or `predict_linear` of one window without staleness markers, straight from the
    /// series' buffers; the same bits as `Function.evaluate` gives for that window.
    mutating func value(
        of function: Function, times: UnsafeBufferPointer<Int64>, values: UnsafeBufferPointer<Double>, step: Int,
        evaluationTime: Int64, argument: Double?
    ) -> Double? {
        guard values.count >= 2 else { return nil }
        let interceptTime = function == .deriv ? times[0] : evaluationTime
        let line = LinearRegression.fit(
            times: times, values: values, interceptTime: interceptTime,
            timeSums: sums(times, interceptTime: interceptTime, step: step))
        return function == .deriv ? line.slope : line.slope * (argument ?? 0) + line.intercept
    }
}
