/// `erlang:memory/0` for the kinds the exporter reports, in bytes.
public struct MemoryUsage: Hashable, Sendable {
    public let processes: Int
    public let system: Int
    public let binary: Int
    public let ets: Int
    public let atom: Int
    public let code: Int
}
