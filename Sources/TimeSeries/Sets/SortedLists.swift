/// Set operations on ascending, duplicate-free integer lists: postings, as the history's file
/// and memory and the query engine's in-memory index hold them.
public enum SortedLists {
    /// The first index whose value is not below `value`.
    public static func lowerBound<Value: BinaryInteger>(_ value: Value, in list: [Value]) -> Int {
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    public static func intersect<Value: BinaryInteger>(_ lhs: [Value], _ rhs: [Value]) -> [Value] {
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

    /// The values of `few` that are in `many`, each found by galloping from where the previous
    /// one ended and then binary-searching the last stride: postings lists of very different
    /// lengths are the common case (`{job=…}` within a metric's million series).
    private static func search<Value: BinaryInteger>(_ few: [Value], in many: [Value]) -> [Value] {
        var out: [Value] = []
        out.reserveCapacity(few.count)
        var low = 0
        for value in few {
            var step = 1
            var high = low
            while high < many.count, many[high] < value {
                low = high + 1
                high += step
                step *= 2
            }
            high = min(high, many.count - 1)
            while low < high {
                let middle = (low + high) / 2
                if many[middle] < value { low = middle + 1 } else { high = middle }
            }
            if low >= many.count { break }
            if many[low] == value {
                out.append(value)
                low += 1
            }
        }
        return out
    }

    public static func subtract<Value: BinaryInteger>(_ lhs: [Value], _ rhs: [Value]) -> [Value] {
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
    public static func union<Value: BinaryInteger>(_ lists: [[Value]]) -> [Value] {
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
