/// Set operations on ascending, duplicate-free series id lists, as postings come out of the index.
enum SortedIDs {
    static func intersect(_ lhs: [Int64], _ rhs: [Int64]) -> [Int64] {
        var out: [Int64] = []
        out.reserveCapacity(min(lhs.count, rhs.count))
        var left = 0
        var right = 0
        while left < lhs.count, right < rhs.count {
            if lhs[left] < rhs[right] {
                left += 1
            } else if rhs[right] < lhs[left] {
                right += 1
            } else {
                out.append(lhs[left])
                left += 1
                right += 1
            }
        }
        return out
    }

    static func subtract(_ lhs: [Int64], _ rhs: [Int64]) -> [Int64] {
        var out: [Int64] = []
        out.reserveCapacity(lhs.count)
        var right = 0
        for id in lhs {
            while right < rhs.count, rhs[right] < id { right += 1 }
            if right < rhs.count, rhs[right] == id { continue }
            out.append(id)
        }
        return out
    }

    /// The union of several lists.
    static func union(_ lists: [[Int64]]) -> [Int64] {
        if lists.count == 1 { return lists[0] }
        var all = lists.flatMap { $0 }
        all.sort()
        var out: [Int64] = []
        out.reserveCapacity(all.count)
        for id in all where out.last != id { out.append(id) }
        return out
    }
}
