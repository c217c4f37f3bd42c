import Probe
import TestSupport
import Testing
import TimeSeries

/// A kept handle sent the same request again skips setting its options; what goes on the wire
/// must not change, and any change to the request must.
@Suite struct CurlHandleReuseTests {
    @Test func repeatsAnUnchangedRequestExactly() async throws {
        try await withLoopbackServers([.status(202)]) { servers in
            let transport = CurlTransport()
            let request = HTTPRequestSpec(
                key: "hook", url: servers[0].url(path: "/hook"), method: "POST",
                headers: [("Content-Type", "application/json")], body: Array("{\"n\":1}".utf8), timeout: .seconds(2),
                auth: .bearer(Secret("token-a")))
            for _ in 0..<3 { _ = await perform(transport, [request]) }
            var changed = request
            changed.auth = .bearer(Secret("token-b"))
            changed.body = Array("{\"n\":2}".utf8)
            _ = await perform(transport, [changed])
            let seen = servers[0].requests
            #expect(seen.count == 4)
            #expect(seen.map(\.method) == ["POST", "POST", "POST", "POST"])
            #expect(seen.map { $0.header("Authorization") } == ["Bearer token-a", "Bearer token-a", "Bearer token-a", "Bearer token-b"])
            #expect(seen.map { $0.header("Content-Type") } == Array(repeating: "application/json", count: 4))
            #expect(seen.map(\.body) == [request.body, request.body, request.body, changed.body])
        }
    }

    @Test func aRequestThatDiffersOnlyInItsBodySendsEachBodyWhole() async throws {
        try await withLoopbackServers([.status(204)]) { servers in
            let transport = CurlTransport()
            let first = HTTPRequestSpec(
                key: "write", url: servers[0].url(path: "/write"), method: "POST",
                headers: [("Content-Encoding", "snappy")], body: [1, 2, 3], timeout: .seconds(2))
            var bodies: [[UInt8]] = [[1, 2, 3], Array(repeating: 7, count: 70_000), [0, 0, 9, 0], [5]]
            for body in bodies {
                var request = first
                request.body = body
                _ = await perform(transport, [request])
            }
            var empty = first
            empty.body = []
            _ = await perform(transport, [empty])
            bodies.append([])
            let seen = servers[0].requests
            #expect(seen.map(\.body) == bodies, "each body exactly, zeros included, none left from the one before")
            #expect(seen.map { $0.header("Content-Encoding") } == Array(repeating: "snappy", count: bodies.count))
            #expect(seen.map { $0.header("Content-Length") } == bodies.map { String($0.count) })
        }
    }

    @Test func aTimedOutRequestDoesNotSpoilTheNextOne() async throws {
        try await withLoopbackServers([.delayed(.milliseconds(600), then: .ok(healthyBody))]) { servers in
            let transport = CurlTransport()
            let hurried = scrape(servers[0].url(), key: "k", timeout: .millis(200))
            let first = await perform(transport, [hurried])
            #expect(first[0].error?.kind == .timedOut)
            let patient = scrape(servers[0].url(), key: "k", timeout: .seconds(3))
            #expect(await perform(transport, [patient])[0].text == healthyBody)
            #expect(await perform(transport, [patient])[0].text == healthyBody)
        }
    }
}
