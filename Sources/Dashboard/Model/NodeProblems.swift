/// Which of a node's figures the agent judged a problem; the views mark those cells.
public struct NodeProblems: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let processes = NodeProblems(rawValue: 1 << 0)
    public static let runQueue = NodeProblems(rawValue: 1 << 1)
    public static let memory = NodeProblems(rawValue: 1 << 2)
    public static let schedulers = NodeProblems(rawValue: 1 << 3)
    public static let queued = NodeProblems(rawValue: 1 << 4)
    public static let scrape = NodeProblems(rawValue: 1 << 5)
}
