/// `GET /process?pid=…|name=…` on a simulated node: the same answers, statuses and error texts
/// as the exporter's `/process`.
enum ProcessEvidenceEndpoint {
    /// The status and JSON body for a request's query string (after `?`).
    static func answer(query: Substring, simulation: FleetSimulation, node: Int, second: Int) -> (status: Int, body: [UInt8]) {
        var parameters: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            parameters[percentDecoded(parts[0])] = parts.count > 1 ? percentDecoded(parts[1]) : ""
        }
        let nodeName = simulation.nodeName(node)
        switch (parameters["pid"], parameters["name"]) {
        case (let pid?, nil):
            guard let number = pidNumber(pid) else {
                return (400, ProcessEvidenceJSON.error("malformed pid \(pid): expected <0.N.M>, e.g. <0.123.0>"))
            }
            let shown = pid.hasPrefix("<") ? pid : "<\(pid)>"
            guard let number, let index = simulation.processIndex(pidNumber: number, onNode: node, atSecond: second) else {
                return (404, ProcessEvidenceJSON.error("no process \(shown) on \(nodeName): it has exited, or never existed"))
            }
            return (200, ProcessEvidenceJSON.render(simulation.processEvidence(ofProcess: index, onNode: node, atSecond: second)))
        case (nil, let name?):
            guard let index = simulation.processIndex(named: name) else {
                return (404, ProcessEvidenceJSON.error("no process registered as \(name) on \(nodeName)"))
            }
            return (200, ProcessEvidenceJSON.render(simulation.processEvidence(ofProcess: index, onNode: node, atSecond: second)))
        default:
            return (400, ProcessEvidenceJSON.error("give exactly one of pid=<0.123.0> or name=registered_name"))
        }
    }

    /// nil for a malformed pid; `.some(nil)` for a well-formed pid no simulated process can have
    /// (another node's, or a serial other than 0); else the middle number.
    static func pidNumber(_ text: String) -> Int?? {
        var inner = Substring(text)
        if inner.hasPrefix("<") && inner.hasSuffix(">") { inner = inner.dropFirst().dropLast() }
        let parts = inner.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else {
            return nil
        }
        guard parts[0] == "0", parts[2] == "0", let number = Int(parts[1]) else { return .some(nil) }
        return .some(number)
    }

    private static func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
