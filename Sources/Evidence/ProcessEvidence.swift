import Foundation

/// What a node's exporter answers on `GET /process` about one process: who it is, what it is
/// doing now, and how much work it does. Never message contents.
///
/// Decoded tolerantly: only `pid`, `status` and `message_queue_len` are required; every other
/// field may be absent (an older exporter, a process that exited halfway, a queue too long to
/// measure memory) and then reads as nil or empty.
public struct ProcessEvidence: Sendable, Equatable, Codable {
    /// One frame of `current_stacktrace`, innermost first.
    public struct Frame: Sendable, Equatable, Codable {
        public var module: String
        public var function: String
        public var arity: Int
        public var file: String?
        public var line: Int?

        public init(module: String, function: String, arity: Int, file: String? = nil, line: Int? = nil) {
            self.module = module
            self.function = function
            self.arity = arity
            self.file = file
            self.line = line
        }

        /// `module:function/arity`.
        public var mfa: String { "\(module):\(function)/\(arity)" }

        /// `module:function/arity (file:line)`, or without the location when it is unknown.
        public var description: String {
            guard let file else { return mfa }
            return line.map { "\(mfa) (\(file):\($0))" } ?? "\(mfa) (\(file))"
        }
    }

    public var pid: String
    public var node: String?
    public var registeredName: String?
    /// `running`, `runnable`, `waiting`, `suspended`, `garbage_collecting` or `exiting`.
    public var status: String
    public var messageQueueLen: Int
    public var reductions: Int?
    public var reductionsPerSecond: Double?
    /// Over what the rate was measured: `last_scan`, or a short window such as `10ms`.
    public var reductionsPerSecondOver: String?
    public var currentFunction: String?
    public var initialCall: String?
    public var ancestors: [String]
    public var label: String?
    public var currentStacktrace: [Frame]
    public var links: Int?
    public var monitors: Int?
    public var trapExit: Bool?
    public var priority: String?
    public var messageQueueData: String?
    /// Words.
    public var heapSize: Int?
    /// Words.
    public var stackSize: Int?
    /// Words; absent above the exporter's `memory_max_queue`.
    public var totalHeapSize: Int?
    /// Bytes; absent above the exporter's `memory_max_queue`.
    public var memory: Int?
    /// Fields left out, and why.
    public var omitted: [String]?
    public var omittedBecause: String?

    public init(pid: String, status: String, messageQueueLen: Int) {
        self.pid = pid
        self.status = status
        self.messageQueueLen = messageQueueLen
        ancestors = []
        currentStacktrace = []
    }

    enum CodingKeys: String, CodingKey {
        case pid, node, status, reductions, ancestors, label, links, monitors, priority, memory, omitted
        case registeredName = "registered_name"
        case messageQueueLen = "message_queue_len"
        case reductionsPerSecond = "reductions_per_second"
        case reductionsPerSecondOver = "reductions_per_second_over"
        case currentFunction = "current_function"
        case initialCall = "initial_call"
        case currentStacktrace = "current_stacktrace"
        case trapExit = "trap_exit"
        case messageQueueData = "message_queue_data"
        case heapSize = "heap_size"
        case stackSize = "stack_size"
        case totalHeapSize = "total_heap_size"
        case omittedBecause = "omitted_because"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        pid = try c.decode(String.self, forKey: .pid)
        status = try c.decode(String.self, forKey: .status)
        messageQueueLen = try c.decode(Int.self, forKey: .messageQueueLen)
        node = try c.decodeIfPresent(String.self, forKey: .node)
        registeredName = try c.decodeIfPresent(String.self, forKey: .registeredName)
        reductions = try c.decodeIfPresent(Int.self, forKey: .reductions)
        reductionsPerSecond = try c.decodeIfPresent(Double.self, forKey: .reductionsPerSecond)
        reductionsPerSecondOver = try c.decodeIfPresent(String.self, forKey: .reductionsPerSecondOver)
        currentFunction = try c.decodeIfPresent(String.self, forKey: .currentFunction)
        initialCall = try c.decodeIfPresent(String.self, forKey: .initialCall)
        ancestors = try c.decodeIfPresent([String].self, forKey: .ancestors) ?? []
        label = try? c.decodeIfPresent(String.self, forKey: .label)
        currentStacktrace = try c.decodeIfPresent([Frame].self, forKey: .currentStacktrace) ?? []
        links = try c.decodeIfPresent(Int.self, forKey: .links)
        monitors = try c.decodeIfPresent(Int.self, forKey: .monitors)
        trapExit = try c.decodeIfPresent(Bool.self, forKey: .trapExit)
        priority = try c.decodeIfPresent(String.self, forKey: .priority)
        messageQueueData = try c.decodeIfPresent(String.self, forKey: .messageQueueData)
        heapSize = try c.decodeIfPresent(Int.self, forKey: .heapSize)
        stackSize = try c.decodeIfPresent(Int.self, forKey: .stackSize)
        totalHeapSize = try c.decodeIfPresent(Int.self, forKey: .totalHeapSize)
        memory = try c.decodeIfPresent(Int.self, forKey: .memory)
        omitted = try c.decodeIfPresent([String].self, forKey: .omitted)
        omittedBecause = try c.decodeIfPresent(String.self, forKey: .omittedBecause)
    }

    /// Decodes a `/process` answer's body.
    public static func decode(_ body: [UInt8]) throws(EvidenceDecodingError) -> ProcessEvidence {
        do {
            return try JSONDecoder().decode(ProcessEvidence.self, from: Data(body))
        } catch {
            throw EvidenceDecodingError(reason: Self.reason(error), body: String(decoding: body.prefix(200), as: UTF8.self))
        }
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "no \"\(key.stringValue)\" field"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "\"\(context.codingPath.map(\.stringValue).joined(separator: "."))\": \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context): "not JSON: \(context.debugDescription)"
        default: "\(error)"
        }
    }
}

/// A `/process` body that is not the evidence JSON.
public struct EvidenceDecodingError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    /// The start of the body, for the message.
    public var body: String

    public var description: String { "the /process answer is not process evidence (\(reason)): \(body)" }
}
