extension RandomAccessCollection where Element: Comparable, Index == Int {
    /// The index of the first element greater than `value` in an ascending collection.
    func indexAfter(_ value: Element) -> Int {
        var low = startIndex
        var high = endIndex
        while low < high {
            let middle = low + (high - low) / 2
            if self[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
