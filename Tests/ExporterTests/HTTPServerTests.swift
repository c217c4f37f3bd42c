import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

extension ExporterTests {
    /// The exporter's HTTP server against clients that misbehave.
    @Suite struct HTTPServer {
        let node: ErlangNode

        init() throws {
            node = try ErlangNode(ErlangNode.Configuration(exporterOptions: ["scan_interval_ms => 500"]))
        }

        @Test func malformedRequestsAndVanishingClientsLeaveItServing() throws {
            let port = node.exporterPort
            let supervisor = try node.eval("whereis(backlog_exporter)")

            let garbage = try LoopbackConnection(port: port)
            try garbage.send([0x00, 0x01, 0xFF] + Array("garbage\r\n\r\n".utf8))
            #expect(try garbage.readResponse().status == 400)
            #expect(garbage.waitForClose())

            let huge = try LoopbackConnection(port: port)
            // The server may close while we are still sending: that is the point.
            try? huge.send("GET /metrics HTTP/1.1\r\nX-Big: " + String(repeating: "a", count: 100_000) + "\r\n\r\n")
            switch Result(catching: { () throws(LoopbackHTTPError) in try huge.readResponse() }) {
            case .success(let response): #expect(response.status == 431)
            case .failure(let error): #expect(error == .closedByPeer)
            }

            let many = try LoopbackConnection(port: port)
            try many.send("GET /metrics HTTP/1.1\r\n" + String(repeating: "X-A: b\r\n", count: 200) + "\r\n")
            #expect(try many.readResponse().status == 431)

            // Ask for a lot, read nothing, hang up.
            for _ in 0..<5 {
                let vanishing = try LoopbackConnection(port: port)
                try vanishing.send(String(repeating: "GET /metrics HTTP/1.1\r\n\r\n", count: 100))
                vanishing.close()
            }

            #expect(try LoopbackConnection.get(port: port).status == 200)
            #expect(try node.eval("whereis(backlog_exporter)") == supervisor)
        }

        @Test func unknownPathIs404AndOtherMethods405() throws {
            #expect(try LoopbackConnection.get(port: node.exporterPort, path: "/nope").status == 404)
            let post = try LoopbackConnection(port: node.exporterPort)
            try post.send("POST /metrics HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi")
            #expect(try post.readResponse().status == 405)
        }

        @Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
            let connection = try LoopbackConnection(port: node.exporterPort)
            let first = try connection.get()
            let second = try connection.get()
            #expect(first.status == 200 && second.status == 200)
            #expect(first.header("Connection") == "keep-alive")
            // Pipelined: two requests in one write, two responses in order.
            try connection.send("GET /nope HTTP/1.1\r\n\r\nGET /metrics HTTP/1.1\r\n\r\n")
            #expect(try connection.readResponse().status == 404)
            #expect(try connection.readResponse().status == 200)
        }

        @Test func bindsToLoopbackOnlyByDefault() throws {
            #expect(try LoopbackConnection.get(port: node.exporterPort, host: "127.0.0.1").status == 200)
            // 127.0.0.2 is loopback too, but not the address the socket is bound to.
            #expect(throws: LoopbackHTTPError.connectFailed(errno: ECONNREFUSED)) {
                try LoopbackConnection(host: "127.0.0.2", port: node.exporterPort)
            }
        }

        @Test func aPortInUseIsAClearError() throws {
            let reply = try node.eval("""
                {ok, Busy} = gen_tcp:listen(0, [{ip, {127,0,0,1}}]), {ok, BusyPort} = inet:port(Busy),
                ok = backlog_exporter:stop(), {BusyPort, backlog_exporter:start(#{port => BusyPort})}
                """)
            let busyPort = reply.dropFirst().prefix { $0 != "," }
            #expect(reply == "{\(busyPort),{error,{port_in_use,\(busyPort)}}}")
            #expect(try node.eval("backlog_exporter:start(#{top_k => -1})") == "{error,{bad_option,{top_k,-1}}}")
        }
    }
}
