import NIOCore
import NIOHTTP1
import NIOPosix

/// An HTTP/1.1 server on 127.0.0.1 whose answer to each request the test programs.
///
/// It listens on an ephemeral port, records every request and counts accepted connections,
/// so tests can check what a client sent and whether it reused its connections.
///
/// ```swift
/// let server = try await LoopbackHTTPServer.start { _ in .ok("up 1\n") }
/// defer { Task { await server.shutdown() } }
/// let url = server.url(path: "/metrics")
/// ```
public final class LoopbackHTTPServer: Sendable {
    /// Decides what the server does with one request; called on an event loop, so keep it quick.
    public typealias Responder = @Sendable (LoopbackRequest) -> LoopbackBehavior

    /// The port the server listens on.
    public let port: Int
    private let channel: any Channel
    private let state: LoopbackServerState

    private init(port: Int, channel: any Channel, state: LoopbackServerState) {
        self.port = port
        self.channel = channel
        self.state = state
    }

    /// Starts a server that asks `responder` what to do with each request.
    public static func start(_ responder: @escaping Responder) async throws -> LoopbackHTTPServer {
        let state = LoopbackServerState()
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 256)
            .childChannelInitializer { channel in
                guard let number = state.connectionAccepted(channel) else {
                    return channel.close()
                }
                channel.closeFuture.whenComplete { _ in state.connectionClosed(channel) }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(
                        LoopbackHTTPHandler(responder: responder, state: state, connectionNumber: number))
                }
            }
        let channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        guard let port = channel.localAddress?.port else {
            try? await channel.close()
            throw LoopbackServerError.noPort
        }
        return LoopbackHTTPServer(port: port, channel: channel, state: state)
    }

    /// Starts a server that does the same with every request.
    public static func start(behavior: LoopbackBehavior) async throws -> LoopbackHTTPServer {
        try await start { _ in behavior }
    }

    /// `http://127.0.0.1:<port><path>`.
    public func url(path: String = "/metrics") -> String {
        "http://127.0.0.1:\(port)\(path.hasPrefix("/") ? path : "/" + path)"
    }

    /// Every complete request received so far, in arrival order.
    public var requests: [LoopbackRequest] { state.requests }

    /// How many TCP connections the server has accepted since it started.
    public var acceptedConnections: Int { state.acceptedConnections }
    /// The most requests this server held at once before answering them (`delayed` behaviours).
    public var peakRequestsInFlight: Int { state.peakRequestsInFlight }

    /// How many accepted connections are still open.
    public var openConnections: Int { state.openConnections }

    /// Stops listening and closes every open connection, including hanging and dripping ones.
    public func shutdown() async {
        let open = state.beginShutdown()
        try? await channel.close()
        for connection in open {
            try? await connection.close()
        }
    }
}

/// Why a loopback server could not start.
public enum LoopbackServerError: Error, Sendable {
    /// The listening socket reported no local port.
    case noPort
}
