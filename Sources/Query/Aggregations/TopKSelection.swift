/// The k best series of a group at one step, kept in a heap whose top is the worst kept, as
/// `topk` and `bottomk` keep them. NaN is worse than any number; on ties the earlier series stays.
struct TopKSelection {
    private let limit: Int
    private let largest: Bool
    private var heap: [(row: Int, value: Double)] = []

    init(limit: Int, largest: Bool) {
        self.limit = limit
        self.largest = largest
        heap.reserveCapacity(limit)
    }

    mutating func offer(row: Int, value: Double) {
        if heap.count < limit {
            heap.append((row, value))
            siftUp(heap.count - 1)
        } else if let worst = heap.first, isBetter(value, than: worst.value) {
            heap[0] = (row, value)
            siftDown(0)
        }
    }

    /// The kept series, best first.
    var ordered: [(row: Int, value: Double)] {
        heap.sorted { isBetter($0.value, than: $1.value) || (!isBetter($1.value, than: $0.value) && $0.row < $1.row) }
    }

    private func isBetter(_ value: Double, than other: Double) -> Bool {
        !value.isNaN && (other.isNaN || (largest ? value > other : value < other))
    }

    /// Heap order: a parent is no better than its children.
    private func isWorse(_ index: Int, _ other: Int) -> Bool {
        isBetter(heap[other].value, than: heap[index].value)
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0, isWorse(child, (child - 1) / 2) {
            heap.swapAt(child, (child - 1) / 2)
            child = (child - 1) / 2
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            var worst = parent
            for child in stride(from: 2 * parent + 1, through: min(2 * parent + 2, heap.count - 1), by: 1)
            where isWorse(child, worst) {
                worst = child
            }
            guard worst != parent else { return }
            heap.swapAt(parent, worst)
            parent = worst
        }
    }
}
