/// Set operations on ascending, duplicate-free slot position lists, as `MemoryPostings` holds them.
enum SortedPositions {
    static func lowerBound(_ value: Int, in list: [Int]) -> Int {
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    static func intersect(_ lhs: [Int], _ rhs: [Int]) -> [Int] {
        var out: [Int] = []
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

    static func subtract(_ lhs: [Int], _ rhs: [Int]) -> [Int] {
        guard !rhs.isEmpty else { return lhs }
        var out: [Int] = []
        out.reserveCapacity(lhs.count)
        var right = 0
        for value in lhs {
            while right < rhs.count, rhs[right] < value { right += 1 }
            if right < rhs.count, rhs[right] == value { continue }
            out.append(value)
        }
        return out
    }

    static func union(_ lists: [[Int]]) -> [Int] {
        if lists.isEmpty { return [] }
        if lists.count == 1 { return lists[0] }
        var all = lists.flatMap { $0 }
        all.sort()
        var out: [Int] = []
        out.reserveCapacity(all.count)
        for value in all where out.last != value { out.append(value) }
        return out
    }
}
