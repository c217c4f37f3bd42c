import NIOCore
import NIOHTTP1

/// Carries out a `LoopbackHTTPServer`'s programmed behaviour on one connection.
///
/// Everything runs on the connection's event loop, so delays and drips are scheduled tasks
/// rather than sleeping threads, and a server can hang or drip on many connections at once.
final class LoopbackHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let responder: LoopbackHTTPServer.Responder
    private let state: LoopbackServerState
    private let connectionNumber: Int
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    /// How much of a streamed body is written before waiting for the socket to take it: a
    /// multiple of the filler's period (64 × 13 bytes), so every chunk starts the same way
    /// and one precomputed chunk serves them all.
    private static let streamChunkSize = 64 * 13 * 80
    private static let fillerChunk = LoopbackBehavior.filler(count: streamChunkSize)

    init(responder: @escaping LoopbackHTTPServer.Responder, state: LoopbackServerState, connectionNumber: Int) {
        self.responder = responder
        self.state = state
        self.connectionNumber = connectionNumber
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
        case .body(var buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            self.head = nil
            let request = LoopbackRequest(
                method: head.method.rawValue, path: head.uri, headers: head.headers.map { ($0.name, $0.value) },
                body: body, connectionNumber: connectionNumber)
            state.record(request)
            carryOut(responder(request), keepAlive: head.isKeepAlive, version: head.version, context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A client that gave up (timeout, size cap) resets the connection; nothing to report.
        context.close(promise: nil)
    }

    private func carryOut(
        _ behavior: LoopbackBehavior, keepAlive: Bool, version: HTTPVersion, context: ChannelHandlerContext
    ) {
        switch behavior {
        case .respond(let status, let headers, let body):
            writeHead(status: status, headers: headers, contentLength: body.count, keepAlive: keepAlive,
                      version: version, context: context)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil)
            writeEnd(keepAlive: keepAlive, context: context)

        case .respondGzip(let status, let headers, let body):
            let gzipHeaders = headers + [("Content-Encoding", "gzip")]
            carryOut(.respond(status: status, headers: gzipHeaders, body: Gzip.compress(body)),
                     keepAlive: keepAlive, version: version, context: context)

        case .gzipBomb(let inflatedBytes):
            let headers = [("Content-Type", "text/plain; version=0.0.4"), ("Content-Encoding", "gzip")]
            carryOut(.respond(status: 200, headers: headers, body: Gzip.bomb(inflatedBytes: inflatedBytes)),
                     keepAlive: keepAlive, version: version, context: context)

        case .respondBytes(let count, let status, let headers):
            writeHead(status: status, headers: headers, contentLength: count, keepAlive: keepAlive,
                      version: version, context: context)
            streamFiller(from: 0, count: count, keepAlive: keepAlive, context: context)

        case .drip(let body, let interval):
            writeHead(status: 200, headers: [("Content-Type", "text/plain")], contentLength: body.count,
                      keepAlive: keepAlive, version: version, context: context)
            context.flush()
            drip(body[...], interval: interval, keepAlive: keepAlive, context: context)

        case .hang:
            break

        case .close:
            context.close(promise: nil)

        case .delayed(let delay, let next):
            state.requestHeld()
            context.eventLoop.assumeIsolated().scheduleTask(in: delay.timeAmount) {
                self.state.requestReleased()
                guard context.channel.isActive else { return }
                self.carryOut(next, keepAlive: keepAlive, version: version, context: context)
            }
        }
    }

    private func writeHead(
        status: Int, headers: [(String, String)], contentLength: Int, keepAlive: Bool, version: HTTPVersion,
        context: ChannelHandlerContext
    ) {
        var fields = HTTPHeaders(headers)
        if !fields.contains(name: "Content-Length") && !fields.contains(name: "Transfer-Encoding") {
            fields.add(name: "Content-Length", value: String(contentLength))
        }
        if !keepAlive {
            fields.replaceOrAdd(name: "Connection", value: "close")
        }
        let head = HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: status), headers: fields)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
    }

    private func writeEnd(keepAlive: Bool, context: ChannelHandlerContext) {
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            written.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }

    /// Writes filler bytes one chunk at a time, each after the previous one left, so memory
    /// stays small and a client that hung up stops the stream.
    private func streamFiller(from offset: Int, count: Int, keepAlive: Bool, context: ChannelHandlerContext) {
        guard offset < count else {
            writeEnd(keepAlive: keepAlive, context: context)
            return
        }
        let end = min(count, offset + Self.streamChunkSize)
        let buffer = context.channel.allocator.buffer(bytes: Self.fillerChunk[..<(end - offset)])
        context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(buffer)))).assumeIsolated().whenSuccess {
            self.streamFiller(from: end, count: count, keepAlive: keepAlive, context: context)
        }
    }

    private func drip(_ rest: ArraySlice<UInt8>, interval: Duration, keepAlive: Bool, context: ChannelHandlerContext) {
        guard let byte = rest.first else {
            writeEnd(keepAlive: keepAlive, context: context)
            return
        }
        context.eventLoop.assumeIsolated().scheduleTask(in: interval.timeAmount) {
            guard context.channel.isActive else { return }
            context.writeAndFlush(self.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: [byte])))), promise: nil)
            self.drip(rest.dropFirst(), interval: interval, keepAlive: keepAlive, context: context)
        }
    }
}

extension Duration {
    /// The same span as NIO's `TimeAmount`.
    fileprivate var timeAmount: TimeAmount {
        let (seconds, attoseconds) = components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
