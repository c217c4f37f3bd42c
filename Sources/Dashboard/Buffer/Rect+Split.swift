extension Rect {
    /// Splits this rectangle into one part per constraint, in order, without gaps or overlap.
    ///
    /// When the constraints ask for more than there is, the last parts shrink first (down to
    /// empty), so the parts listed first are the ones that stay whole on a small terminal.
    public func split(_ axis: LayoutAxis, _ constraints: [LayoutConstraint]) -> [Rect] {
        let total = axis == .vertical ? height : width
        var sizes = constraints.map { constraint -> Int in
            switch constraint {
            case .fixed(let cells), .min(let cells): return Swift.max(0, cells)
            case .percentage(let share): return total * Swift.max(0, Swift.min(share, 100)) / 100
            }
        }
        var excess = sizes.reduce(0, +) - total
        var index = sizes.count - 1
        while excess > 0, index >= 0 {
            let cut = Swift.min(excess, sizes[index])
            sizes[index] -= cut
            excess -= cut
            index -= 1
        }
        let growable = constraints.indices.filter { if case .min = constraints[$0] { true } else { false } }
        if excess < 0, !growable.isEmpty {
            let spare = -excess
            for (order, slot) in growable.enumerated() {
                sizes[slot] += spare / growable.count + (order < spare % growable.count ? 1 : 0)
            }
        }
        var offset = 0
        return sizes.map { size in
            defer { offset += size }
            switch axis {
            case .vertical: return Rect(x: x, y: y + offset, width: width, height: size)
            case .horizontal: return Rect(x: x + offset, y: y, width: size, height: height)
            }
        }
    }
}
