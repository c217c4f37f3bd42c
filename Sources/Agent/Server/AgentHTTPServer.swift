import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// A small HTTP/1.1 server for the agent's own endpoints (`/metrics`, the Prometheus HTTP API,
/// `/federate`), over TLS when the config asks for it.
///
/// Routing is a function from a request to a response, so the runtime decides what is served and
/// the server knows nothing about it. Routes run on a small thread pool, never on the event loop,
/// so a slow query neither stalls other connections nor the agent's polling.
public final class AgentHTTPServer: Sendable {
    /// What a route is asked: the method, the path without its query string, the query string,
    /// the header fields and the body.
    public struct Request: Sendable {
        public var method: String
        public var path: String
        /// The raw query string after `?`, empty when there is none.
        public var query: String
        /// Header fields as sent; look them up with `header(_:)`.
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]

        public init(method: String, path: String, query: String = "", headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
            self.method = method
            self.path = path
            self.query = query
            self.headers = headers
            self.body = body
        }

        /// The first header field of that name, compared without case.
        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    /// What a route answers.
    public struct Response: Sendable {
        public var status: Int
        public var contentType: String
        public var body: String
        /// Further header fields, such as `WWW-Authenticate`.
        public var headers: [(name: String, value: String)]

        public init(status: Int, contentType: String, body: String, headers: [(name: String, value: String)] = []) {
            self.status = status
            self.contentType = contentType
            self.body = body
            self.headers = headers
        }

        public static func notFound(_ path: String) -> Response {
            Response(status: 404, contentType: "text/plain; charset=utf-8", body: "no such path: \(path)\n")
        }
    }

    /// A route that needs only the method, the path and the body.
    public typealias Router = @Sendable (_ method: String, _ path: String, _ body: [UInt8]) -> Response
    /// A route that sees the whole request.
    public typealias RequestRouter = @Sendable (Request) -> Response

    let group: MultiThreadedEventLoopGroup
    let pool: NIOThreadPool
    let channel: any Channel

    /// Threads that run routes: queries for a few dashboard panels at once, without taking the
    /// machine's cores from polling.
    static let routeThreads = 4

    /// Binds and starts serving; throws naming the address when it cannot bind.
    public convenience init(host: String, port: Int, router: @escaping Router) throws(AgentServerError) {
        try self.init(host: host, port: port, tls: nil) { request in router(request.method, request.path, request.body) }
    }

    /// Binds and starts serving the agent's routes, over TLS when they carry a TLS setup.
    public convenience init(host: String, port: Int, router: AgentRouter) throws(AgentServerError) {
        var tls: NIOSSLContext?
        if let setup = router.web.tls {
            do { tls = try ServerTLS.context(setup) } catch {
                throw AgentServerError(address: "\(host):\(port)", reason: error.reason, hint: error.hint)
            }
        }
        try self.init(host: host, port: port, tls: tls, handler: router.handle)
    }

    /// Binds and starts serving, over TLS when `tls` is given.
    init(host: String, port: Int, tls: NIOSSLContext?, handler: @escaping RequestRouter) throws(AgentServerError) {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let pool = NIOThreadPool(numberOfThreads: Self.routeThreads)
        pool.start()
        self.group = group
        self.pool = pool
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                // On the channel's event loop: the handlers are added there and never leave it.
                channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(RouteHandler(router: handler, pool: pool))
                }
            }
        do {
            channel = try bootstrap.bind(host: host, port: port).wait()
        } catch {
            try? pool.syncShutdownGracefully()
            try? group.syncShutdownGracefully()
            throw AgentServerError(address: "\(host):\(port)", reason: "\(error)")
        }
    }

    /// The port actually bound (useful when asked for port 0).
    public var port: Int { channel.localAddress?.port ?? 0 }

    public func shutdown() {
        try? channel.close().wait()
        try? group.syncShutdownGracefully()
        try? pool.syncShutdownGracefully()
    }
}

/// The agent could not listen where it was told to.
public struct AgentServerError: Error, Sendable, CustomStringConvertible {
    public var address: String
    public var reason: String
    /// What to do about it.
    public var hint: String

    public init(address: String, reason: String, hint: String = "is another agent running? Set listen: in backlog.yml to another port") {
        self.address = address
        self.reason = reason
        self.hint = hint
    }

    public var description: String { "cannot listen on \(address): \(reason) — \(hint)" }
}

/// Answers each request through the router on the thread pool; keeps the connection alive as
/// the client asks, and answers pipelined requests in order.
// @unchecked: its state is touched only on its channel's event loop (answers come back
// through `NIOLoopBound`, which checks that), but futures' callbacks need it to be Sendable.
final class RouteHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// Bodies are form posts and small webhook deliveries; a query text is never near this.
    static let maximumBody = 1 << 20

    let router: AgentHTTPServer.RequestRouter
    let pool: NIOThreadPool
    var head: HTTPRequestHead?
    var body: [UInt8] = []
    /// The answer to the previous request on this connection, so pipelined answers keep their order.
    var previous: EventLoopFuture<Void>?

    init(router: @escaping AgentHTTPServer.RequestRouter, pool: NIOThreadPool) {
        self.router = router
        self.pool = pool
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            head = request
            body = []
        case .body(var chunk):
            if body.count < Self.maximumBody { body += chunk.readBytes(length: chunk.readableBytes) ?? [] }
        case .end:
            guard let head else { return }
            self.head = nil
            let parts = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
            let request = AgentHTTPServer.Request(
                method: head.method.rawValue, path: String(parts.first ?? ""), query: parts.count > 1 ? String(parts[1]) : "",
                headers: head.headers.map { ($0.name, $0.value) }, body: body)
            let router = router
            let answered = pool.runIfActive(eventLoop: context.eventLoop) { router(request) }
            let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            let ready = previous.map { before in before.flatMap { _ in answered } } ?? answered
            previous = ready.map { response in
                let (handler, context) = loopBound.value
                handler.write(response, for: head, context: context)
            }.recover { _ in
                let (handler, context) = loopBound.value
                handler.write(AgentHTTPServer.Response(status: 503, contentType: "text/plain; charset=utf-8", body: "shutting down\n"), for: head, context: context)
            }
        }
    }

    private func write(_ response: AgentHTTPServer.Response, for request: HTTPRequestHead, context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: response.contentType)
        headers.add(name: "Content-Length", value: "\(response.body.utf8.count)")
        for field in response.headers { headers.add(name: field.name, value: field.value) }
        let status = HTTPResponseStatus(statusCode: response.status)
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: request.version, status: status, headers: headers))), promise: nil)
        if request.method != .HEAD {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: response.body)))), promise: nil)
        }
        guard !request.isKeepAlive else {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            return
        }
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in bound.value.close(promise: nil) }
    }
}
