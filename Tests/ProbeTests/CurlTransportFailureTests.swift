#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Probe
import TestSupport
import Testing
import TimeSeries

/// Bad targets, each scraped in the same call as a healthy one, which must still succeed.
@Suite struct CurlTransportFailureTests {
    /// Scrapes `bad` together with a healthy server and returns the bad request's result.
    private func scrapeBesideAHealthyTarget(_ bad: HTTPRequestSpec) async throws -> Result<HTTPResponse, TransportError> {
        try await withLoopbackServers([.ok(healthyBody)]) { servers in
            let results = await perform(CurlTransport(), [scrape(servers[0].url()), bad, scrape(servers[0].url(path: "/again"))])
            #expect(results[0].text == healthyBody, "healthy target in the same call: \(String(describing: results[0].error))")
            #expect(results[2].text == healthyBody, "healthy target in the same call: \(String(describing: results[2].error))")
            return results[1]
        }
    }

    /// Scrapes a loopback server programmed with `behavior` beside a healthy one.
    private func scrapeBesideAHealthyTarget(
        serving behavior: LoopbackBehavior, timeout: PromDuration = .seconds(2), maxBodyBytes: Int = HTTPRequestSpec.defaultMaxBodyBytes
    ) async throws -> Result<HTTPResponse, TransportError> {
        try await withLoopbackServers([behavior]) { servers in
            try await scrapeBesideAHealthyTarget(scrape(servers[0].url(), timeout: timeout, maxBodyBytes: maxBodyBytes))
        }
    }

    @Test func connectionRefused() async throws {
        let url = "http://127.0.0.1:\(LoopbackPort.unused())/metrics"
        let error = try #require(try await scrapeBesideAHealthyTarget(scrape(url)).error)
        #expect(error.kind == .connectionRefused)
        #expect(error.reason == "connection refused — is the exporter running and listening on that port?")
        #expect(error.url == url)
    }

    @Test func hostThatDoesNotResolve() async throws {
        let error = try #require(try await scrapeBesideAHealthyTarget(scrape("http://nonexistent.invalid:9199/metrics")).error)
        #expect(error.kind == .cannotResolveHost)
        #expect(error.reason == #"cannot resolve host "nonexistent.invalid""#)
    }

    @Test func serverThatNeverAnswers() async throws {
        let error = try #require(try await scrapeBesideAHealthyTarget(serving: .hang, timeout: .millis(500)).error)
        #expect(error.kind == .timedOut)
        #expect(error.reason.hasPrefix("timed out after "), "\(error.reason)")
        #expect(error.reason.hasSuffix("ms (timeout is 500ms; received 0 bytes)"), "\(error.reason)")
        #expect(error.duration >= 0.45, "gave up after \(error.duration)s, before its timeout")
    }

    @Test func serverThatDripsAByteASecond() async throws {
        let drip = LoopbackBehavior.drip(body: Array("up 1\nup 1\n".utf8), interval: .seconds(1))
        let error = try #require(try await scrapeBesideAHealthyTarget(serving: drip, timeout: .millis(1500)).error)
        #expect(error.kind == .timedOut)
        #expect(error.reason.hasSuffix("(timeout is 1s500ms; received 1 byte)"), "\(error.reason)")
    }

    @Test func serverErrorIsAResponse() async throws {
        let result = try await scrapeBesideAHealthyTarget(serving: .status(500, "boom"))
        let response = try #require(result.response)
        #expect(response.status == 500)
        #expect(String(decoding: response.body, as: UTF8.self) == "boom")
    }

    @Test func declaredLengthOverTheCapIsRejectedBeforeReading() async throws {
        let big = LoopbackBehavior.respondBytes(count: 2 << 20, status: 200, headers: [])
        let error = try #require(try await scrapeBesideAHealthyTarget(serving: big, maxBodyBytes: 1 << 20).error)
        #expect(error.kind == .bodyTooLarge)
        #expect(error.reason == "response declares Content-Length 2097152, above the 1 MiB size cap")
    }

    @Test func streamedBodyOverTheCapIsStoppedWhileReading() async throws {
        let big = LoopbackBehavior.respondBytes(count: 2 << 20, status: 200, headers: [("Transfer-Encoding", "chunked")])
        let error = try #require(try await scrapeBesideAHealthyTarget(serving: big, maxBodyBytes: 1 << 20).error)
        #expect(error.kind == .bodyTooLarge)
        #expect(error.reason.hasPrefix("response body is larger than the 1 MiB size cap; stopped reading after "), "\(error.reason)")
    }

    @Test func gzipBombFailsQuicklyWithBoundedMemory() async throws {
        // About 1 MB on the wire that would inflate to 1 GiB.
        let error = try #require(
            try await scrapeBesideAHealthyTarget(serving: .gzipBomb(inflatedBytes: 1 << 30), maxBodyBytes: 16 << 20).error)
        #expect(error.kind == .bodyTooLarge)
        #expect(error.reason.contains("larger than the 16 MiB size cap"), "\(error.reason)")
        #expect(Self.peakResidentMebibytes() < 512, "peak resident memory \(Self.peakResidentMebibytes()) MiB")
    }

    @Test func serverThatClosesWithoutAnswering() async throws {
        let error = try #require(try await scrapeBesideAHealthyTarget(serving: .close).error)
        #expect(error.kind == .other)
        #expect(error.reason == "the server closed the connection without sending a response")
    }

    @Test func corruptGzipBody() async throws {
        let corrupt = LoopbackBehavior.respond(
            status: 200, headers: [("Content-Encoding", "gzip")], body: Array("certainly not gzip".utf8))
        let error = try #require(try await scrapeBesideAHealthyTarget(serving: corrupt).error)
        #expect(error.kind == .decoding)
        #expect(error.reason.hasPrefix("cannot decode the compressed response body"), "\(error.reason)")
    }

    @Test func unsupportedScheme() async throws {
        let error = try #require(try await scrapeBesideAHealthyTarget(scrape("ftp://127.0.0.1:21/metrics")).error)
        #expect(error.kind == .invalidURL)
        #expect(error.reason == "unsupported URL scheme; use http:// or https://")
    }

    @Test func secretsNeverAppearInErrors() async throws {
        let refused = "127.0.0.1:\(LoopbackPort.unused())"
        let requests = [
            scrape("http://\(refused)/metrics", auth: .bearer(Secret("tok-SECRET-1"))),
            scrape("http://\(refused)/metrics", auth: .basic(username: "scraper", password: Secret("pw-SECRET-2"))),
            scrape("http://scraper:pw-SECRET-3@\(refused)/metrics"),
            scrape("http://scraper:pw-SECRET-4@nonexistent.invalid/metrics"),
            scrape("http://scraper:pw-SECRET-5@\(refused)/metrics", auth: .bearer(Secret("tok-SECRET-6"))),
        ]
        let results = await perform(CurlTransport(), requests)
        for result in results {
            let error = try #require(result.error)
            for text in [error.description, String(reflecting: error), error.url, error.reason] {
                #expect(!text.contains("SECRET"), "leaked: \(text)")
            }
            #expect(!error.url.contains("@"), "\(error.url)")
        }
        #expect(results[2].error?.url == "http://\(refused)/metrics")
    }

    /// The most memory this process has held at once, in MiB.
    private static func peakResidentMebibytes() -> Int {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss / 1024  // kilobytes on Linux
        #else
        getrusage(RUSAGE_SELF, &usage)
        return usage.ru_maxrss / (1024 * 1024)  // bytes on Darwin
        #endif
    }
}
