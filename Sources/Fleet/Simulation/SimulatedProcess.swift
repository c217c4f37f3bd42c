/// One simulated process as `/process` reports it: the same fields, in the same order, as the
/// node-side exporter's evidence.
public struct SimulatedProcess: Sendable, Equatable {
    /// One stack frame, innermost first.
    public struct Frame: Sendable, Equatable {
        public var module: String
        public var function: String
        public var arity: Int
        public var file: String
        public var line: Int
    }

    public var pid: String
    public var node: String
    /// The registered name, or "".
    public var name: String
    public var status: String
    public var messageQueueLen: Int
    public var reductions: Int
    public var reductionsPerSecond: Int
    public var currentFunction: String
    public var initialCall: String
    public var ancestors: [String]
    public var stack: [Frame]
    public var links: Int
    public var monitors: Int
    public var trapExit: Bool
    public var heapSize: Int
    public var stackSize: Int
    public var totalHeapSize: Int
    public var memory: Int

    /// Above this queue length the exporter leaves out `total_heap_size` and `memory` (its
    /// `memory_max_queue` default): reading them walks the queue.
    public static let memoryMaxQueue = 10_000
}

extension SimulatedProcess.Frame {
    /// A frame for `module:function/arity` in `module.erl`.
    init(_ mfa: String, line: Int) {
        let moduleEnd = mfa.firstIndex(of: ":") ?? mfa.startIndex
        let slash = mfa.lastIndex(of: "/") ?? mfa.endIndex
        module = String(mfa[..<moduleEnd])
        function = String(mfa[mfa.index(after: moduleEnd)..<slash])
        arity = slash < mfa.endIndex ? Int(mfa[mfa.index(after: slash)...]) ?? 0 : 0
        file = "\(module).erl"
        self.line = line
    }
}
