/// `deriv` and `predict_linear` over the windows of many series, step by step: the time terms
/// of a window are worked out once for all the series that share its sample times, and at a
/// single step (as rules evaluate) such windows are fitted four at a time in SIMD lanes.
///
/// Batched windows come out later than they go in: `ready` holds their rows, in order, for
/// the caller to append before the row of any series it handles after them.
struct RegressionFitter {
    private let function: Function
    private let filter: StepFilter?
    private let argument: [Double]?
    private let batching: Bool
    private var times: RegressionTimes
    private var batch = RegressionBatch()
    /// The series and step fitted last.
    private var lastFitted = (row: -1, step: -1)
    /// Rows of fitted batches whose values passed the filter, in series order.
    private(set) var ready: [(row: Int, value: Double)] = []

    init(_ function: Function, stepCount: Int, argument: [Double]?, filter: StepFilter?) {
        self.function = function
        self.filter = filter
        self.argument = argument
        batching = stepCount == 1
        times = RegressionTimes(stepCount: stepCount)
    }

    /// The fit of one series' window at a step, of at least two samples and no staleness
    /// markers; nil when the window joined a batch instead, whose rows come through `ready`.
    /// `sameTimes` says the series has the very array of times the previous series had, so
    /// the window's times are those last fitted at this step if that series was fitted here.
    mutating func fit(
        row: Int, windowTimes: UnsafeBufferPointer<Int64>, values: UnsafeBufferPointer<Double>, step: Int, evaluationTime: Int64,
        sameTimes: Bool
    ) -> Double? {
        let interceptTime = RegressionTimes.interceptTime(of: function, windowTimes, evaluationTime: evaluationTime)
        let held = sameTimes && lastFitted == (row - 1, step)
        lastFitted = (row, step)
        if !held, !times.holds(windowTimes, interceptTime: interceptTime, step: step) {
            // The batch so far was gathered for the old times.
            flush()
            times.update(windowTimes, interceptTime: interceptTime, step: step)
        }
        guard batching else { return times.value(of: function, values: values, step: step, argument: argument?[step]) }
        batch.add(row: row, values: values)
        if batch.isFull { flush() }
        return nil
    }

    /// Fits the batch so far, so its rows are ready before those of later series.
    mutating func flush() {
        guard !batch.isEmpty else { return }
        let fitted = times.values(of: function, batch, step: 0, argument: argument?[0])
        for lane in batch.rows.indices where filter?.keep(fitted[lane], 0) ?? true {
            ready.append((batch.rows[lane], fitted[lane]))
        }
        batch.removeAll()
    }

    /// Forgets the ready rows, once appended.
    mutating func clearReady() { ready.removeAll(keepingCapacity: true) }
}
