import NIOCore
import NIOHTTP1
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens, closes and re-opens each node's listening socket as the scenario takes nodes down and
/// brings them back. An actor, so the periodic check and an explicit one never interleave.
actor ListenerSupervisor {
    private let group: any EventLoopGroup
    private let runtime: FleetRuntime
    private let host: String
    /// The port each node owns, fixed at start even while the node is down.
    private(set) var ports: [Int]
    private var listeners: [(any Channel)?]

    init(group: any EventLoopGroup, runtime: FleetRuntime, host: String, requestedPorts: [Int]) {
        self.group = group
        self.runtime = runtime
        self.host = host
        ports = requestedPorts
        listeners = Array(repeating: nil, count: requestedPorts.count)
    }

    /// Binds every node, so a taken port fails the start even for a node that begins down, then
    /// closes the ones the scenario has down. On failure nothing stays bound.
    func bindAll() async throws(FleetServerError) {
        let attempts = ports.indices.map { node in bootstrap(node: node).bind(host: host, port: ports[node]) }
        var firstError: FleetServerError?
        for (node, attempt) in attempts.enumerated() {
            do {
                let channel = try await attempt.get()
                listeners[node] = channel
                ports[node] = channel.localAddress?.port ?? ports[node]
            } catch {
                firstError = firstError ?? bindError(error, node: node)
            }
        }
        if let firstError {
            await closeAll()
            throw firstError
        }
        await reconcile()
    }

    /// Makes every node's listener match the scenario at the current simulated second.
    func reconcile() async {
        let second = runtime.currentSecond
        for node in listeners.indices {
            let shouldServe = runtime.simulation.isUp(node: node, atSecond: second)
            switch (listeners[node], shouldServe) {
            case (let listener?, false):
                listeners[node] = nil
                try? await listener.close()
                runtime.connections[node].closeAll()
            case (nil, true):
                // If another program took the port meanwhile, the next check tries again.
                listeners[node] = try? await bootstrap(node: node).bind(host: host, port: ports[node]).get()
            default:
                break
            }
        }
    }

    func closeAll() async {
        for node in listeners.indices {
            if let listener = listeners[node] {
                listeners[node] = nil
                try? await listener.close()
            }
            runtime.connections[node].closeAll()
        }
    }

    private func bootstrap(node: Int) -> ServerBootstrap {
        let runtime = runtime
        return ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                runtime.connections[node].track(channel)
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(MetricsRequestHandler(node: node, runtime: runtime))
                }
            }
    }

    private func bindError(_ error: any Error, node: Int) -> FleetServerError {
        let name = runtime.simulation.nodeName(node)
        switch (error as? IOError)?.errnoCode {
        case EADDRINUSE: return .portInUse(host: host, port: ports[node], node: name)
        case EMFILE, ENFILE: return .outOfFileDescriptors(port: ports[node], node: name)
        default: break
        }
        return .cannotBind(host: host, port: ports[node], node: name, reason: "\(error)")
    }
}
