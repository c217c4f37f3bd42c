/// How the process lists are ordered; `s` cycles through them in this order.
public enum SortMode: String, Hashable, Sendable, CaseIterable {
    /// The agent's next-bottleneck ranking (the model's order).
    case rank
    /// Longest queue first.
    case queue
    /// Fastest growing first.
    case growth
    /// By node name, then longest queue first.
    case node

    /// The mode after this one, wrapping around.
    public var next: SortMode {
        let all = SortMode.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
