/// Set operations on ascending, duplicate-free integer lists: series ids as postings come out of
/// the file, and slot positions as the writer's in-memory postings hold them.
enum SortedLists {
    /// The first index whose value is not below `value`.
    static func lowerBound<Value: BinaryInteger>(_ value: Value, in list: [Value]) -> Int {
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    static func intersect<Value: BinaryInteger>(_ lhs: [Value], _ rhs: [Value]) -> [Value] {
        // A metric's hundred thousand series against one job's thousand: searching the long list
        // for each of the few beats walking it whole.
        if lhs.count > 16 * rhs.count { return search(rhs, in: lhs) }
        if rhs.count > 16 * lhs.count { return search(lhs, in: rhs) }
        var out: [Value] = []
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

    /// The values of `few` that are in `many`, each found by a binary search starting where the
    /// previous one ended.
    private static func search<Value: BinaryInteger>(_ few: [Value], in many: [Value]) -> [Value] {
        var out: [Value] = []
        out.reserveCapacity(few.count)
        var low = 0
        for value in few {
            var high = many.count
            while low < high {
                let middle = (low + high) / 2
                if many[middle] < value { low = middle + 1 } else { high = middle }
            }
            if low == many.count { break }
            if many[low] == value {
                out.append(value)
                low += 1
            }
        }
        return out
    }

    static func subtract<Value: BinaryInteger>(_ lhs: [Value], _ rhs: [Value]) -> [Value] {
        guard !rhs.isEmpty else { return lhs }
        var out: [Value] = []
        out.reserveCapacity(lhs.count)
        var right = 0
        for value in lhs {
            while right < rhs.count, rhs[right] < value { right += 1 }
            if right < rhs.count, rhs[right] == value { continue }
            out.append(value)
        }
        return out
    }

    /// The union of several lists.
    static func union<Value: BinaryInteger>(_ lists: [[Value]]) -> [Value] {
        if lists.isEmpty { return [] }
        if lists.count == 1 { return lists[0] }
        var all = lists.flatMap { $0 }
        all.sort()
        var out: [Value] = []
        out.reserveCapacity(all.count)
        for value in all where out.last != value { out.append(value) }
        return out
    }
}
