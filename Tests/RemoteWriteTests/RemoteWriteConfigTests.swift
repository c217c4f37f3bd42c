import Agent
import ConfigFile
import Foundation
import RemoteWrite
import Testing
import TimeSeries

/// `remote_write:` and `external_labels:` in backlog.yml: Prometheus's shape, secrets from files
/// or the environment, mistakes as `file:line:column: message`.
@Suite struct RemoteWriteConfigTests {
    let fixture: RemoteWriteFixture

    init() throws { fixture = try RemoteWriteFixture() }

    func load(_ text: String) throws(ConfigError) -> AgentConfig {
        let path = "\(fixture.directory)/backlog.yml"
        try? ("targets:\n  - {job: chat, targets: [\"127.0.0.1:9199\"]}\n" + text).write(toFile: path, atomically: true, encoding: .utf8)
        return try AgentConfig.load(path: path)
    }

    func error(_ text: String) -> String {
        do {
            _ = try load(text)
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test func readsAFullEndpoint() throws {
        try "s3cret\n".write(toFile: "\(fixture.directory)/password", atomically: true, encoding: .utf8)
        try "tenant-9".write(toFile: "\(fixture.directory)/tenant", atomically: true, encoding: .utf8)
        let config = try load("""
            external_labels: {replica: a, region: eu}
            remote_write:
              - url: https://vm.example:8428/api/v1/write
                name: central
                basic_auth: {username: agent, password_file: password}
                headers:
                  X-Scope-OrgID: {file: tenant}
                  X-Plain: yes-plain
                tls: {insecure_skip_verify: true}
                remote_timeout: 10s
                write_relabel_configs:
                  - {source_labels: [__name__], regex: "scrape_.*", action: drop}
                  - {source_labels: [instance], target_label: shard, modulus: 4, action: hashmod}
                queue_config: {max_samples_per_send: 500, batch_send_deadline: 2s, min_backoff: 50ms, max_backoff: 10s}
              - url: http://prom:9090/api/v1/write
            """)
        #expect(config.externalLabels == Labels(["replica": "a", "region": "eu"]))
        #expect(config.history.remoteWriteLog, "the history keeps the log while remote write is configured")
        let endpoints = config.remoteWrite.endpoints
        #expect(endpoints.map(\.remoteName) == ["central", "prom:9090"])
        let central = endpoints[0]
        if case .basic(let username, let password) = central.auth {
            #expect(username == "agent" && password == "s3cret")
        } else {
            Issue.record("expected basic auth")
        }
        #expect(central.headers.map(\.0) == ["X-Scope-OrgID", "X-Plain"])
        #expect(central.headers.map(\.1) == ["tenant-9", "yes-plain"])
        #expect(central.tls.insecureSkipVerify)
        #expect(central.timeout == .seconds(10))
        #expect(central.writeRelabelConfigs.map(\.action) == [.drop, .hashmod])
        #expect(central.queue == RemoteWriteEndpoint.Queue(
            maxSamplesPerSend: 500, batchSendDeadline: .seconds(2), minBackoff: .millis(50), maxBackoff: .seconds(10)))
        #expect(endpoints[1].queue == RemoteWriteEndpoint.Queue(), "Prometheus's defaults")
        #expect(endpoints[1].queue.maxSamplesPerSend == 2000 && endpoints[1].queue.minBackoff == .millis(30))
    }

    @Test func noRemoteWriteKeepsNoLog() throws {
        #expect(try load("").history.remoteWriteLog == false)
        #expect(try load("").remoteWrite.endpoints.isEmpty)
    }

    @Test func urlFromTheEnvironment() throws {
        setenv("BACKLOG_TEST_RW_URL", "http://10.1.2.3:8428/api/v1/write?key=abc", 1)
        let config = try load("remote_write:\n  - {url_env: BACKLOG_TEST_RW_URL}\n")
        #expect(config.remoteWrite.endpoints[0].url == "http://10.1.2.3:8428/api/v1/write?key=abc")
        #expect(config.remoteWrite.endpoints[0].remoteName == "10.1.2.3:8428")
    }

    @Test func mistakesPointAtTheLine() {
        let file = "\(fixture.directory)/backlog.yml"
        #expect(error("remote_write:\n  - {name: x}\n").hasPrefix("\(file):4:5: a remote_write entry needs exactly one of url"))
        #expect(error("remote_write:\n  - {url: \"ftp://x/y?key=zzz\"}\n").contains("must be an http:// or https:// URL"))
        #expect(!error("remote_write:\n  - {url: \"ftp://x/y?key=zzz\"}\n").contains("zzz"), "the URL may hold a key")
        #expect(error("remote_write:\n  - {url: \"http://a/w\", write_relabel_configs: [{action: hashmod, target_label: s}]}\n")
            .contains("modulus"))
        #expect(error("remote_write:\n  - url: http://a/w\n    write_relabel_configs:\n      - {action: replace, regex: \"(\", target_label: x}\n")
            .hasPrefix("\(file):6:"))
        #expect(error("remote_write:\n  - {url: \"http://a/w\"}\n  - {url: \"http://a/w\"}\n").contains("distinct name"))
        #expect(error("remote_write:\n  - {url: \"http://a/w\", bearer_token_env: BACKLOG_TEST_UNSET_VARIABLE}\n")
            .contains("BACKLOG_TEST_UNSET_VARIABLE"))
        #expect(error("remote_write:\n  - {url: \"http://a/w\", queue_config: {max_samples_per_send: 0}}\n").contains("above 0"))
        #expect(error("external_labels: {\"bad-name\": x}\n").contains("not a valid label name"))
    }
}
