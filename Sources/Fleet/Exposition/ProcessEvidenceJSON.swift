/// `/process` answers as the node-side exporter writes them: the evidence object, fields in the
/// exporter's order, or `{"error":"..."}`.
public enum ProcessEvidenceJSON {
    public static let contentType = "application/json"

    /// The evidence body, ending in a newline.
    public static func render(_ process: SimulatedProcess) -> [UInt8] {
        var fields: [(String, String)] = [
            ("pid", string(process.pid)),
            ("node", string(process.node)),
            ("registered_name", process.name.isEmpty ? "null" : string(process.name)),
            ("status", string(process.status)),
            ("message_queue_len", String(process.messageQueueLen)),
            ("reductions", String(process.reductions)),
            ("reductions_per_second", String(process.reductionsPerSecond)),
            ("reductions_per_second_over", string("last_scan")),
            ("current_function", string(process.currentFunction)),
            ("initial_call", string(process.initialCall)),
            ("ancestors", "[" + process.ancestors.map(string).joined(separator: ",") + "]"),
            ("current_stacktrace", "[" + process.stack.map(frame).joined(separator: ",") + "]"),
            ("links", String(process.links)),
            ("monitors", String(process.monitors)),
            ("trap_exit", process.trapExit ? "true" : "false"),
            ("priority", string("normal")),
            ("message_queue_data", string("on_heap")),
            ("heap_size", String(process.heapSize)),
            ("stack_size", String(process.stackSize)),
        ]
        if process.messageQueueLen <= SimulatedProcess.memoryMaxQueue {
            fields.append(("total_heap_size", String(process.totalHeapSize)))
            fields.append(("memory", String(process.memory)))
        } else {
            fields.append(("omitted", #"["total_heap_size","memory"]"#))
            fields.append((
                "omitted_because",
                string("message queue longer than memory_max_queue (\(SimulatedProcess.memoryMaxQueue)): reading them walks the queue")
            ))
        }
        return Array(("{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}\n").utf8)
    }

    /// `{"error":"..."}` and a newline.
    public static func error(_ message: String) -> [UInt8] {
        Array("{\"error\":\(string(message))}\n".utf8)
    }

    private static func frame(_ frame: SimulatedProcess.Frame) -> String {
        let location = frame.line > 0 ? "\"file\":\(string(frame.file)),\"line\":\(frame.line)" : "\"file\":null,\"line\":null"
        return "{\"module\":\(string(frame.module)),\"function\":\(string(frame.function)),\"arity\":\(frame.arity),\(location)}"
    }

    /// A JSON string literal.
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
