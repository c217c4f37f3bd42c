/// Why a fleet configuration cannot run, in words a user can act on.
public enum FleetConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooFewNodes(Int)
    case tooFewProcesses(Int)
    case tooFewNewSeries(Int)
    case portOutOfRange(basePort: Int, nodeCount: Int)
    case unknownScenario(String, known: [String])
    case invalidExportLimits(ExportLimits)

    public var description: String {
        switch self {
        case .tooFewNodes(let count):
            "the fleet needs at least 1 node (got \(count))"
        case .tooFewProcesses(let count):
            "each node needs at least 1 process (got \(count))"
        case .tooFewNewSeries(let count):
            "--new-series-per-second needs at least 1 (got \(count))"
        case .portOutOfRange(let basePort, let nodeCount):
            "ports \(basePort)-\(basePort + nodeCount - 1) do not fit in 1-65535 (use 0 for ephemeral ports)"
        case .unknownScenario(let name, let known):
            "unknown scenario '\(name)'; known scenarios: \(known.joined(separator: ", "))"
        case .invalidExportLimits(let limits):
            "export limits need topK >= 0, floor >= 0 and maxSeries >= 0 (got \(limits))"
        }
    }
}
