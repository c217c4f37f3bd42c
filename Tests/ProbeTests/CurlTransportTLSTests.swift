import Probe
import TestSupport
import Testing

/// TLS verification against `openssl s_server` with a self-signed certificate.
@Suite struct CurlTransportTLSTests {
    @Test(.enabled(if: OpenSSLTestServer.executable != nil, "openssl is not installed; this test runs a TLS server with it"))
    func verifiesByDefaultAndTrustsAConfiguredCA() async throws {
        let server = try OpenSSLTestServer.start()
        defer { server.stop() }
        try await withLoopbackServers([.ok(healthyBody)]) { plain in
            let results = await perform(CurlTransport(), [
                scrape(server.url(), key: "default"),
                scrape(server.url(), key: "ca", tls: TLSOptions(caFile: server.certificatePath)),
                scrape(server.url(), key: "insecure", tls: TLSOptions(insecureSkipVerify: true)),
                scrape(plain[0].url()),
            ])
            let refused = try #require(results[0].error)
            #expect(refused.kind == .tls)
            #expect(refused.reason.hasPrefix("TLS certificate verification failed: "), "\(refused.reason)")
            #expect(refused.reason.hasSuffix(
                "— set tls.ca_file or, only if you trust the network, tls.insecure_skip_verify"), "\(refused.reason)")
            #expect(results[1].response?.status == 200, "with ca_file: \(String(describing: results[1].error))")
            #expect(results[2].response?.status == 200, "insecure: \(String(describing: results[2].error))")
            #expect(results[3].text == healthyBody)
        }
    }

    @Test func missingCAFileIsATLSError() async throws {
        try await withLoopbackServers([.ok(healthyBody)]) { plain in
            let results = await perform(CurlTransport(), [
                scrape("https://127.0.0.1:\(LoopbackPort.unused())/", tls: TLSOptions(caFile: "/nonexistent/ca.pem")),
                scrape(plain[0].url()),
            ])
            // Either the bad CA file or the refused port may be noticed first; neither may hang.
            let error = try #require(results[0].error)
            #expect(error.kind == .tls || error.kind == .connectionRefused, "\(error)")
            #expect(results[1].text == healthyBody)
        }
    }
}
