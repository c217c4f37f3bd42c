/// The samples one step sees of one series, as slices of the series' arrays (no copies), with
/// the window's bounds: `start` excluded, `end` included.
struct SampleWindow {
    var timestamps: ArraySlice<Int64>
    var values: ArraySlice<Double>
    let start: Int64
    let end: Int64

    var count: Int { timestamps.count }
    var isEmpty: Bool { timestamps.isEmpty }
    /// The window's length in seconds (the selector's or subquery's range).
    var rangeSeconds: Double { Double(end - start) / 1000 }

    /// The times and values as buffers, for loops that must not pay for slice bookkeeping.
    func withBuffers<Result>(_ body: (UnsafeBufferPointer<Int64>, UnsafeBufferPointer<Double>) -> Result) -> Result {
        timestamps.withUnsafeBufferPointer { times in values.withUnsafeBufferPointer { values in body(times, values) } }
    }
}
