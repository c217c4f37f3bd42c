extension Function {
    /// Whether the function reads a range vector (its first argument) window by window.
    var readsWindows: Bool { argumentTypes.first == .matrix }

    /// The function's value for one window, or nil when the window gives none.
    /// `argument` is the scalar argument at this step, for `predict_linear`.
    func evaluate(_ window: SampleWindow, evaluationTime: Int64, argument: Double?) -> Double? {
        switch self {
        case .rate: RateFunctions.extrapolatedDelta(window, isCounter: true, isRate: true)
        case .increase: RateFunctions.extrapolatedDelta(window, isCounter: true, isRate: false)
        case .delta: RateFunctions.extrapolatedDelta(window, isCounter: false, isRate: false)
        case .irate: RateFunctions.lastTwoDelta(window, isRate: true)
        case .idelta: RateFunctions.lastTwoDelta(window, isRate: false)
        case .deriv: LinearRegression.derivative(window)
        case .predictLinear:
            LinearRegression.prediction(window, at: evaluationTime, after: argument ?? 0)
        case .avgOverTime: OverTimeFunctions.average(window)
        case .minOverTime: OverTimeFunctions.minimum(window)
        case .maxOverTime: OverTimeFunctions.maximum(window)
        case .sumOverTime: OverTimeFunctions.sum(window)
        case .countOverTime: window.isEmpty ? nil : Double(window.count)
        case .lastOverTime: window.values.last
        case .changes: OverTimeFunctions.changes(window)
        case .resets: OverTimeFunctions.resets(window)
        case .absentOverTime: window.isEmpty ? nil : 1
        default: preconditionFailure("\(rawValue) does not read windows")
        }
    }
}
