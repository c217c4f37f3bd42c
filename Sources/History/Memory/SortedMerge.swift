/// Two arrays each sorted by `precedes`, merged into one sorted array; on a tie `first`'s element
/// comes first, so the merge is stable.
func mergeSorted<Element>(_ first: [Element], _ second: [Element], by precedes: (Element, Element) -> Bool) -> [Element] {
    guard !first.isEmpty else { return second }
    guard !second.isEmpty else { return first }
    var merged: [Element] = []
    merged.reserveCapacity(first.count + second.count)
    var left = 0
    var right = 0
    while left < first.count, right < second.count {
        if precedes(second[right], first[left]) {
            merged.append(second[right])
            right += 1
        } else {
            merged.append(first[left])
            left += 1
        }
    }
    merged += first[left...]
    merged += second[right...]
    return merged
}
