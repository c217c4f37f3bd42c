import NIOCore
import NIOHTTP1

/// Answers one node's HTTP requests: `GET /metrics` with the node's body, `GET /process` with one
/// process's evidence (default scenario), 404 for other paths, 405 for other methods; connections stay open unless the client asks otherwise.
final class MetricsRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let node: Int
    private let runtime: FleetRuntime
    private var pendingRequest: HTTPRequestHead?

    init(node: Int, runtime: FleetRuntime) {
        self.node = node
        self.runtime = runtime
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            pendingRequest = head
        case .body:
            break
        case .end:
            guard let head = pendingRequest else { return }
            pendingRequest = nil
            respond(to: head, context: context)
        }
    }

    private func respond(to request: HTTPRequestHead, context: ChannelHandlerContext) {
        let second = runtime.currentSecond
        guard runtime.simulation.isUp(node: node, atSecond: second) else {
            // The listener is being closed; a dead VM answers nothing.
            context.close(promise: nil)
            return
        }
        let path = request.uri.prefix { $0 != "?" }
        let status: HTTPResponseStatus
        let body: ByteBuffer
        var headers = HTTPHeaders()
        if request.method != .GET {
            status = .methodNotAllowed
            body = context.channel.allocator.buffer(string: "only GET is supported\n")
            headers.add(name: "Allow", value: "GET")
            headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        } else if path == "/metrics" {
            status = .ok
            body = runtime.body(ofNode: node, second: second)
            headers.add(name: "Content-Type", value: NodeExposition.contentType)
        } else if path == "/process", runtime.simulation.config.scenario.servesProcessDetail {
            let query = request.uri.drop { $0 != "?" }.dropFirst()
            let answer = ProcessEvidenceEndpoint.answer(query: query, simulation: runtime.simulation, node: node, second: second)
            status = HTTPResponseStatus(statusCode: answer.status)
            body = context.channel.allocator.buffer(bytes: answer.body)
            headers.add(name: "Content-Type", value: ProcessEvidenceJSON.contentType)
        } else {
            status = .notFound
            body = context.channel.allocator.buffer(string: "not found; try /metrics or /process\n")
            headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        }
        headers.add(name: "Content-Length", value: String(body.readableBytes))
        let keepAlive = request.isKeepAlive
        if !keepAlive {
            headers.add(name: "Connection", value: "close")
        } else if request.version.minor == 0 {
            headers.add(name: "Connection", value: "keep-alive")
        }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: request.version, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        guard !keepAlive else {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            return
        }
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }
}
