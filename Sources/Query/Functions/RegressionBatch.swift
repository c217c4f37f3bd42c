/// The windows of up to four series with the same sample times, held side by side so one
/// pass fits them all: lane `i` of each sample is the value of the `i`th series added.
///
/// A fit is a chain of dependent additions per series; four chains in SIMD lanes keep the
/// processor busy where one chain would leave it waiting on each addition.
struct RegressionBatch {
    static let width = 4
    /// The series' positions in the range source, in the order added.
    private(set) var rows: [Int] = []
    /// Per sample of the window, the lanes' values; unused lanes hold leftovers, never read.
    private(set) var samples: [SIMD4<Double>] = []

    init() {
        rows.reserveCapacity(RegressionBatch.width)
    }

    var isEmpty: Bool { rows.isEmpty }
    var isFull: Bool { rows.count == RegressionBatch.width }

    /// Adds a series' window; every window of a batch has as many samples as the first.
    mutating func add(row: Int, values: UnsafeBufferPointer<Double>) {
        if rows.isEmpty, samples.count != values.count { samples = Array(repeating: .zero, count: values.count) }
        let lane = rows.count
        samples.withUnsafeMutableBufferPointer { samples in
            for index in values.indices { samples[index][lane] = values[index] }
        }
        rows.append(row)
    }

    mutating func removeAll() { rows.removeAll(keepingCapacity: true) }
}
