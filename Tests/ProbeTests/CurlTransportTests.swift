import Probe
import TestSupport
import Testing
import TimeSeries

/// The transport against real loopback servers: what it sends, what it returns, how it reuses.
@Suite struct CurlTransportTests {
    @Test func returnsStatusBodyAndContentType() async throws {
        try await withLoopbackServers([.ok("erlang_vm_process_count 42\n")]) { servers in
            let transport = CurlTransport()
            let results = await perform(transport, [scrape(servers[0].url())])
            let response = try #require(results[0].response)
            #expect(response.status == 200)
            #expect(response.contentType == "text/plain; version=0.0.4; charset=utf-8")
            #expect(String(decoding: response.body, as: UTF8.self) == "erlang_vm_process_count 42\n")
            #expect(response.duration > 0)
            #expect(servers[0].requests.first?.path == "/metrics")
            #expect(servers[0].requests.first?.method == "GET")
        }
    }

    @Test func runsAllRequestsOfACallConcurrently() async throws {
        let slow = LoopbackBehavior.delayed(.milliseconds(300), then: .ok(healthyBody))
        try await withLoopbackServers(Array(repeating: slow, count: 5)) { servers in
            let transport = CurlTransport()
            let requests = (0..<50).map { index in
                scrape(servers[index % 5].url(path: "/metrics?n=\(index)"), key: "target-\(index)")
            }
            let results = await perform(transport, requests)
            #expect(results.allSatisfy { $0.text == healthyBody })
            // One after another, a server would never hold more than one request at a time.
            for server in servers {
                #expect(server.peakRequestsInFlight > 1, "a server held \(server.peakRequestsInFlight) request at a time")
            }
        }
    }

    @Test func reusesConnectionsAcrossCalls() async throws {
        try await withLoopbackServers([.ok(healthyBody)]) { servers in
            let server = servers[0]
            let transport = CurlTransport()
            let requests = (0..<3).map { scrape(server.url(path: "/metrics/\($0)"), key: "key-\($0)") }
            let first = await perform(transport, requests)
            let second = await perform(transport, requests)
            #expect((first + second).allSatisfy { $0.text == healthyBody })
            #expect(server.requests.count == 6)
            #expect(server.acceptedConnections == 3, "one connection per key, kept alive between calls")
        }
    }

    @Test func keepsConnectionsWhenASmallCallComesBetweenLargeOnes() async throws {
        // libcurl's default cache holds 4 connections per handle in the current call, so a
        // one-request call (a webhook) would close most of the scrape targets' connections.
        try await withLoopbackServers([.ok(healthyBody)]) { servers in
            let server = servers[0]
            let transport = CurlTransport()
            let requests = (0..<10).map { scrape(server.url(path: "/\($0)"), key: "key-\($0)") }
            _ = await perform(transport, requests)
            _ = await perform(transport, [scrape(server.url(path: "/hook"), key: "webhook")])
            let last = await perform(transport, requests)
            #expect(last.allSatisfy { $0.text == healthyBody })
            #expect(server.acceptedConnections == 10, "got \(server.acceptedConnections) connections")
        }
    }

    @Test func runsTwoRequestsWithTheSameKeyInOneCall() async throws {
        try await withLoopbackServers([.ok(healthyBody)]) { servers in
            let transport = CurlTransport()
            let request = scrape(servers[0].url(), key: "same")
            let results = await perform(transport, [request, request])
            #expect(results.allSatisfy { $0.text == healthyBody })
        }
    }

    @Test func followsAFewRedirectsButNotALoop() async throws {
        let server = try await LoopbackHTTPServer.start { request in
            switch request.path {
            case "/old": .respond(status: 301, headers: [("Location", "/metrics")], body: [])
            case "/loop": .respond(status: 302, headers: [("Location", "/loop")], body: [])
            default: .ok(healthyBody)
            }
        }
        let results = await perform(CurlTransport(), [scrape(server.url(path: "/old")), scrape(server.url(path: "/loop"))])
        await server.shutdown()
        #expect(results[0].text == healthyBody)
        let error = try #require(results[1].error)
        #expect(error.kind == .other)
        #expect(error.reason.hasPrefix("too many redirects"), "\(error.reason)")
        #expect(server.requests.filter { $0.path == "/loop" }.count == 4, "the first request and 3 redirects")
    }

    @Test func asksForGzipAndDecodesIt() async throws {
        let text = String(repeating: "erlang_process_message_queue_len{pid=\"<0.1.0>\"} 12\n", count: 200)
        try await withLoopbackServers([.respondGzip(status: 200, headers: [], body: Array(text.utf8))]) { servers in
            let results = await perform(CurlTransport(), [scrape(servers[0].url())])
            #expect(results[0].text == text)
            #expect(servers[0].requests.first?.header("Accept-Encoding") == "gzip")
        }
    }

    @Test func decodesAGzipBodyBuiltLikeTheBomb() async throws {
        // The bomb is assembled from repeated deflate blocks; a small one must decode exactly.
        try await withLoopbackServers([.gzipBomb(inflatedBytes: 3 << 20)]) { servers in
            let results = await perform(CurlTransport(), [scrape(servers[0].url())])
            let body = try #require(results[0].response?.body)
            #expect(body.count == 3 << 20)
            #expect(body.allSatisfy { $0 == 0 })
        }
    }

    @Test func sendsTheAcceptHeaderAndUserAgent() async throws {
        try await withLoopbackServers([.ok(healthyBody)]) { servers in
            let request = scrape(servers[0].url(), headers: [("Accept", ExpositionFormat.acceptHeader)])
            _ = await perform(CurlTransport(), [request])
            let seen = try #require(servers[0].requests.first)
            #expect(seen.header("Accept") == ExpositionFormat.acceptHeader)
            #expect(seen.header("User-Agent") == "Backlog/" + BuildInfo.version)
        }
    }

    @Test func sendsABearerToken() async throws {
        try await withLoopbackServers([.ok(healthyBody)]) { servers in
            let request = scrape(servers[0].url(), auth: .bearer(Secret("s3cr3t-token")))
            let results = await perform(CurlTransport(), [request])
            #expect(results[0].text == healthyBody)
            #expect(servers[0].requests.first?.header("Authorization") == "Bearer s3cr3t-token")
        }
    }

    @Test func sendsBasicAuth() async throws {
        try await withLoopbackServers([.ok(healthyBody)]) { servers in
            let request = scrape(servers[0].url(), auth: .basic(username: "scraper", password: Secret("hunter2")))
            let results = await perform(CurlTransport(), [request])
            #expect(results[0].text == healthyBody)
            #expect(servers[0].requests.first?.header("Authorization") == "Basic c2NyYXBlcjpodW50ZXIy")
        }
    }

    @Test func doesNotCarryAuthToTheNextRequestOnTheSameHandle() async throws {
        try await withLoopbackServers([.ok(healthyBody)]) { servers in
            let transport = CurlTransport()
            let url = servers[0].url()
            _ = await perform(transport, [scrape(url, key: "k", auth: .bearer(Secret("first")))])
            _ = await perform(transport, [scrape(url, key: "k")])
            #expect(servers[0].requests.map { $0.header("Authorization") } == ["Bearer first", nil])
        }
    }

    @Test func postsABody() async throws {
        try await withLoopbackServers([.status(202)]) { servers in
            let payload = Array(#"{"status":"firing","alerts":[]}"#.utf8) + Array(repeating: UInt8(ascii: " "), count: 4000)
            let request = HTTPRequestSpec(
                url: servers[0].url(path: "/hook"), method: "POST", headers: [("Content-Type", "application/json")],
                body: payload, timeout: .seconds(2))
            let results = await perform(CurlTransport(), [request])
            #expect(results[0].response?.status == 202)
            let seen = try #require(servers[0].requests.first)
            #expect(seen.method == "POST")
            #expect(seen.body == payload)
            #expect(seen.header("Content-Type") == "application/json")
            #expect(seen.header("Expect") == nil, "no 100-continue round trip")
        }
    }

    @Test func returnsAnEmptyBody() async throws {
        try await withLoopbackServers([.respond(status: 200, headers: [], body: [])]) { servers in
            let results = await perform(CurlTransport(), [scrape(servers[0].url())])
            let response = try #require(results[0].response)
            #expect(response.status == 200)
            #expect(response.body.isEmpty)
        }
    }

    @Test func readsATenMegabyteBodyWithinTheCap() async throws {
        let size = 10_000_000
        try await withLoopbackServers([.respondBytes(count: size, status: 200, headers: [])]) { servers in
            let results = await perform(CurlTransport(), [scrape(servers[0].url())])
            let body = try #require(results[0].response?.body)
            #expect(body.count == size)
            #expect(Array(body.prefix(256)) == LoopbackBehavior.filler(count: 256))
        }
    }
}
