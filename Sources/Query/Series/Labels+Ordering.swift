import TimeSeries

extension Labels {
    /// Prometheus's order of label sets: label by label, name then value; a prefix comes first.
    static func precedes(_ lhs: Labels, _ rhs: Labels) -> Bool {
        for (left, right) in zip(lhs.storage, rhs.storage) where left != right {
            return left.name != right.name ? left.name < right.name : left.value < right.value
        }
        return lhs.count < rhs.count
    }
}
