import Agent
import ConfigFile
import Foundation
import Logging
import TestSupport
import Testing

/// `web:` in backlog.yml: basic auth against bcrypt hashes, TLS with a certificate, and
/// mistakes reported at their line and column.
@Suite(.serialized) struct WebConfigTests {
    /// bcrypt (cost 5) of `s3cret`.
    static let hash = "$2b$05$abcdefghijklmnopqrstuuLK7U1u6pVRmL7L1BBM2aS35PSZnDXlK"

    static func basic(_ user: String, _ password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    @Test func basicAuthLetsInOnlyTheRightPassword() async throws {
        try await withLoopbackServers([.ok(APIFixture.exposition)]) { exporters in
            let agent = try APIFixture(exporterPort: exporters[0].port, web: "  basic_auth_users: {grafana: '\(Self.hash)'}\n")
            defer { agent.stop() }
            let path = APIFixture.path("/api/v1/query", [("query", "1")])
            let anonymous = try agent.get(path)
            #expect(anonymous.status == 401)
            #expect(anonymous.header("WWW-Authenticate") == "Basic")
            #expect(try agent.get(path, headers: ["Authorization": Self.basic("grafana", "wrong")]).status == 401)
            #expect(try agent.get(path, headers: ["Authorization": Self.basic("nobody", "s3cret")]).status == 401)
            let allowed = try agent.get(path, headers: ["Authorization": Self.basic("grafana", "s3cret")])
            #expect(allowed.status == 200)
            #expect(allowed.text.hasPrefix(#"{"status":"success""#))
            // Again, from what the first check remembered.
            #expect(try agent.get(path, headers: ["Authorization": Self.basic("grafana", "s3cret")]).status == 200)
            #expect(try agent.get("/metrics").status == 401, "every path is behind the password")
        }
    }

    @Test(.enabled(if: OpenSSLTestServer.executable != nil))
    func servesTLSWithTheConfiguredCertificate() async throws {
        let directory = NSTemporaryDirectory() + "backlog-api-tls-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let made = try ToolRun.run(OpenSSLTestServer.executable!, [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", "\(directory)/key.pem", "-out", "\(directory)/cert.pem", "-days", "2", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ])
        try #require(made.status == 0, "\(made.output)")
        try await withLoopbackServers([.ok(APIFixture.exposition)]) { exporters in
            let agent = try APIFixture(
                exporterPort: exporters[0].port, web: "  tls_server_config: {cert_file: cert.pem, key_file: key.pem}\n", directory: directory)
            defer { agent.stop() }
            let url = "https://127.0.0.1:\(agent.port)/api/v1/query?query=1%2B1&time=10"
            let trusted = try ToolRun.run("/usr/bin/curl", ["-sS", "--cacert", "\(directory)/cert.pem", url])
            #expect(trusted.status == 0, "\(trusted.output)")
            #expect(trusted.output == #"{"status":"success","data":{"resultType":"scalar","result":[10,"2"]}}"#)
            let untrusted = try ToolRun.run("/usr/bin/curl", ["-sS", url])
            #expect(untrusted.status != 0, "a client that does not trust the certificate refuses it")
        }
    }

    @Test func mistakesPointAtTheirLine() throws {
        let directory = NSTemporaryDirectory() + "backlog-api-web-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = "\(directory)/backlog.yml"
        func load(_ web: String) -> String {
            try? "targets: []\nweb:\n\(web)".write(toFile: path, atomically: true, encoding: .utf8)
            do {
                _ = try AgentConfig.load(path: path)
                return ""
            } catch { return error.description }
        }
        let plain = load("  basic_auth_users: {grafana: s3cret}\n")
        #expect(plain.hasPrefix("\(path):3:"), "\(plain)")
        #expect(plain.contains("must be a bcrypt hash"))
        let missing = load("  tls_server_config: {cert_file: nope.pem, key_file: nope.key}\n")
        #expect(missing.hasPrefix("\(path):3:"), "\(missing)")
        #expect(missing.contains("\(directory)/nope.pem does not exist"))
        let unknown = load("  basic_auth: {}\n")
        #expect(unknown.contains("unknown key \"basic_auth\" in web"), "\(unknown)")
        #expect(load("  basic_auth_users: {grafana: '\(Self.hash)'}\n") == "")
    }

    @Test func aBrokenCertificateIsNamedWhenServingStarts() throws {
        let directory = NSTemporaryDirectory() + "backlog-api-badcert-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "not a certificate\n".write(toFile: "\(directory)/cert.pem", atomically: true, encoding: .utf8)
        try "not a key\n".write(toFile: "\(directory)/key.pem", atomically: true, encoding: .utf8)
        try "targets: []\nweb: {tls_server_config: {cert_file: cert.pem, key_file: key.pem}}\n"
            .write(toFile: "\(directory)/backlog.yml", atomically: true, encoding: .utf8)
        let config = try AgentConfig.load(path: "\(directory)/backlog.yml")
        let runtime = AgentRuntime(config: config, logger: .init(label: "test"))
        #expect {
            _ = try AgentHTTPServer(host: "127.0.0.1", port: 0, router: AgentRoutes.router(runtime))
        } throws: { error in
            let text = "\(error)"
            return text.contains("\(directory)/cert.pem") && text.contains("cert_file")
        }
    }
}
