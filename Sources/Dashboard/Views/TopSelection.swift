/// The first `limit` elements of a collection in sorted order, without sorting all of it: the
/// views show a screenful of rows out of tens of thousands.
enum TopSelection {
    /// Indices of the `limit` first elements under `precedes`, in order; ties keep index order.
    static func indices<Element>(
        of elements: [Element], where include: (Element) -> Bool, limit: Int, by precedes: (Element, Element) -> Bool
    ) -> (indices: [Int], matched: Int) {
        var best: [Int] = []
        best.reserveCapacity(limit + 1)
        var matched = 0
        guard limit > 0 else {
            for element in elements where include(element) { matched += 1 }
            return ([], matched)
        }
        for (index, element) in elements.enumerated() where include(element) {
            matched += 1
            if best.count == limit, !precedes(element, elements[best[limit - 1]]) { continue }
            // Binary search for the first kept element this one precedes; equal ones stay ahead.
            var low = 0
            var high = best.count
            while low < high {
                let middle = (low + high) / 2
                if precedes(element, elements[best[middle]]) { high = middle } else { low = middle + 1 }
            }
            best.insert(index, at: low)
            if best.count > limit { best.removeLast() }
        }
        return (best, matched)
    }
}
