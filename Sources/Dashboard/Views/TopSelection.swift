/// The first `limit` elements of a list in sorted order, without sorting all of it: the views
/// show a screenful of rows out of tens of thousands.
enum TopSelection {
    /// Positions in `candidates` order of the `limit` largest `keys` (largest first; ties keep
    /// candidate order). Plain numbers in a contiguous array keep the pass over 20,000 rows cheap.
    static func largest(_ keys: [Double], limit: Int) -> [Int] {
        guard limit > 0 else { return [] }
        var best: [Int] = []
        best.reserveCapacity(limit + 1)
        keys.withUnsafeBufferPointer { keys in
            for index in keys.indices {
                let key = keys[index]
                if best.count == limit, key <= keys[best[limit - 1]] { continue }
                var low = 0
                var high = best.count
                while low < high {
                    let middle = (low + high) / 2
                    if key > keys[best[middle]] { high = middle } else { low = middle + 1 }
                }
                best.insert(index, at: low)
                if best.count > limit { best.removeLast() }
            }
        }
        return best
    }

    /// Positions of the first `limit` elements under `precedes`, in order; ties keep index order.
    static func first<Element>(_ elements: [Element], limit: Int, by precedes: (Element, Element) -> Bool) -> [Int] {
        guard limit > 0 else { return [] }
        var best: [Int] = []
        best.reserveCapacity(limit + 1)
        for (index, element) in elements.enumerated() {
            if best.count == limit, !precedes(element, elements[best[limit - 1]]) { continue }
            var low = 0
            var high = best.count
            while low < high {
                let middle = (low + high) / 2
                if precedes(element, elements[best[middle]]) { high = middle } else { low = middle + 1 }
            }
            best.insert(index, at: low)
            if best.count > limit { best.removeLast() }
        }
        return best
    }
}
