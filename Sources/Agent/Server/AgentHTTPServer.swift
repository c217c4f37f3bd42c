public import NIOCore
import NIOHTTP1
import NIOPosix

/// A small HTTP/1.1 server for the agent's own endpoints (`/metrics`, `/api/v1/alerts`).
///
/// Routing is a function from method and path to a response, so the runtime decides what is
/// served and the server knows nothing about it.
public final class AgentHTTPServer: Sendable {
    /// What a route answers.
    public struct Response: Sendable {
        public var status: Int
        public var contentType: String
        public var body: String

        public init(status: Int, contentType: String, body: String) {
            self.status = status
            self.contentType = contentType
            self.body = body
        }

        public static func notFound(_ path: String) -> Response {
            Response(status: 404, contentType: "text/plain; charset=utf-8", body: "no such path: \(path)\n")
        }
    }

    public typealias Router = @Sendable (_ method: String, _ path: String, _ body: [UInt8]) -> Response

    let group: MultiThreadedEventLoopGroup
    let channel: any Channel

    /// Binds and starts serving; throws naming the address when it cannot bind.
    public init(host: String, port: Int, router: @escaping Router) throws(AgentServerError) {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                // On the channel's event loop: the handler is added there and never leaves it.
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(RouteHandler(router: router))
                }
            }
        do {
            channel = try bootstrap.bind(host: host, port: port).wait()
        } catch {
            try? group.syncShutdownGracefully()
            throw AgentServerError(address: "\(host):\(port)", reason: "\(error)")
        }
    }

    /// The port actually bound (useful when asked for port 0).
    public var port: Int { channel.localAddress?.port ?? 0 }

    public func shutdown() {
        try? channel.close().wait()
        try? group.syncShutdownGracefully()
    }
}

/// The agent could not listen where it was told to.
public struct AgentServerError: Error, Sendable, CustomStringConvertible {
    public var address: String
    public var reason: String
    public var description: String {
        "cannot listen on \(address): \(reason) — is another agent running? Set listen: in backlog.yml to another port"
    }
}

/// Answers each request through the router; keeps the connection alive as the client asks.
final class RouteHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let router: AgentHTTPServer.Router
    var head: HTTPRequestHead?
    var body: [UInt8] = []

    init(router: @escaping AgentHTTPServer.Router) { self.router = router }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            head = request
            body = []
        case .body(var chunk):
            // Bodies here are small (webhook deliveries to the demo's sink); cap them anyway.
            if body.count < 1 << 20 { body += chunk.readBytes(length: chunk.readableBytes) ?? [] }
        case .end:
            guard let request = head else { return }
            let path = String(request.uri.split(separator: "?", maxSplits: 1).first ?? "")
            let response = router(request.method.rawValue, path, body)
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: response.contentType)
            headers.add(name: "Content-Length", value: "\(response.body.utf8.count)")
            let status = HTTPResponseStatus(statusCode: response.status)
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: request.version, status: status, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: response.body)))), promise: nil)
            let keepAlive = request.isKeepAlive
            // The channel, not the context: the completion may run off the handler's isolation.
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
                if !keepAlive { channel.close(promise: nil) }
            }
            head = nil
        }
    }
}
