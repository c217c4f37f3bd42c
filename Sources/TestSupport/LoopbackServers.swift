/// Starts one loopback server per behaviour, runs `body`, and shuts them all down even when `body` throws.
public func withLoopbackServers<Value>(
    _ behaviors: [LoopbackBehavior],
    _ body: ([LoopbackHTTPServer]) async throws -> Value
) async throws -> Value {
    var servers: [LoopbackHTTPServer] = []
    do {
        for behavior in behaviors {
            servers.append(try await LoopbackHTTPServer.start(behavior: behavior))
        }
        let value = try await body(servers)
        for server in servers { await server.shutdown() }
        return value
    } catch {
        for server in servers { await server.shutdown() }
        throw error
    }
}
