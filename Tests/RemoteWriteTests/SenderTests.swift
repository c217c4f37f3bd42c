@testable import Agent
import Foundation
import History
import RemoteWrite
import Synchronization
import TestSupport
import Testing
import TimeSeries

/// One sender against receiver doubles on loopback: retries, refusals, failures, restarts.
@Suite struct SenderTests {
    let fixture: RemoteWriteFixture

    init() throws { fixture = try RemoteWriteFixture() }

    /// A history with `cycles` cycles of `perCycle` series logged for remote write.
    func history(_ name: String, cycles: Int, perCycle: Int) throws -> String {
        var options = HistoryOptions()
        options.remoteWriteLog = true
        let store = try HistoryStore(path: "\(fixture.directory)/\(name)", options: options)
        defer { store.close() }
        for cycle in 0..<cycles {
            let samples = (0..<perCycle).map { index in
                Sample(labels: Labels(["__name__": "q", "pid": "<0.\(index).0>"]), value: Double(cycle * 1000 + index))
            }
            try store.append(samples, at: Timestamp(milliseconds: 1_700_000_000_000 + Int64(cycle) * 5000))
        }
        return store.path
    }

    /// What a sender reported.
    final class Events: Sendable {
        let list = Mutex<[RemoteWriteEvent]>([])
    }

    /// Bodies the double accepted, decoded.
    final class Received: Sendable {
        let accepted = Mutex<[WireFormat.Series]>([])
        let headers = Mutex<[(String, String)]>([])
        let attempts = Mutex(0)
        /// The oldest and newest timestamp of each accepted request, in arrival order.
        let spans = Mutex<[ClosedRange<Int64>]>([])

        var samples: [(String, Int64)] {
            accepted.withLock { series in series.flatMap { one in one.timestamps.map { (one.labels["pid"] ?? "", $0) } } }
        }
    }

    func endpoint(_ url: String, name: String? = nil, max: Int = 7) -> RemoteWriteEndpoint {
        RemoteWriteEndpoint(
            name: name, url: url,
            queue: .init(maxSamplesPerSend: max, batchSendDeadline: .millis(1), minBackoff: .millis(5), maxBackoff: .millis(40)),
            timeout: .seconds(5))
    }

    func sender(_ endpoint: RemoteWriteEndpoint, path: String, events: Events? = nil) -> RemoteWriteSender {
        RemoteWriteSender(
            endpoint: endpoint, historyPath: path, externalLabels: Labels(["replica": "a"]), version: "0.1",
            transport: CurlRemoteWriteTransport.make(), onEvent: { event in events?.list.withLock { $0.append(event) } })
    }

    @Test func retriesServerErrorsAndSendsEverySampleOnceInOrder() async throws {
        let path = try history("retry.db", cycles: 6, perCycle: 5)
        let received = Received()
        let server = try await LoopbackHTTPServer.start { request in
            let attempt = received.attempts.withLock { count in
                count += 1
                return count
            }
            if attempt == 2 || attempt == 3 { return .status(503, "busy") }
            if attempt == 5 { return .status(429, "slow down") }
            guard let series = WireFormat.decode(body: request.body) else { return .status(400, "not snappy protobuf") }
            received.accepted.withLock { $0 += series }
            let times = series.flatMap(\.timestamps)
            received.spans.withLock { $0.append(times.min()!...times.max()!) }
            received.headers.withLock { $0 = request.headers }
            return .status(204)
        }
        let events = Events()
        let one = sender(endpoint(server.url(path: "/api/v1/write")), path: path, events: events)
        one.start()
        try await RemoteWriteFixture.waitUntil("30 samples arrive") { received.samples.count >= 30 }
        one.stop()
        await server.shutdown()
        let samples = received.samples
        #expect(samples.count == 30)
        #expect(Set(samples.map { "\($0.0)@\($0.1)" }).count == 30, "none twice")
        var perSeries: [String: [Int64]] = [:]
        for (pid, time) in samples { perSeries[pid, default: []].append(time) }
        #expect(perSeries.values.allSatisfy { $0 == $0.sorted() && Set($0).count == $0.count }, "each series in time order")
        let spans = received.accepted.withLock { _ in received.spans.withLock { $0 } }
        #expect(zip(spans, spans.dropFirst()).allSatisfy { $0.1.lowerBound >= $0.0.upperBound }, "batches in commit order")
        let stats = one.stats
        #expect(stats.samplesAccepted == 30)
        #expect(stats.samplesRetried == 21, "three retried batches of 7")
        #expect(stats.samplesFailed == 0)
        #expect(received.accepted.withLock { $0.allSatisfy { $0.labels["replica"] == "a" } }, "external labels added")
        let headers = Dictionary(received.headers.withLock { $0 }.map { ($0.0.lowercased(), $0.1) }, uniquingKeysWith: { a, _ in a })
        #expect(headers["content-encoding"] == "snappy")
        #expect(headers["content-type"] == "application/x-protobuf")
        #expect(headers["x-prometheus-remote-write-version"] == "0.1.0")
        #expect(headers["user-agent"] == "Backlog/0.1")
        #expect(events.list.withLock { $0.filter { if case .failing = $0 { true } else { false } }.count } == 2, "one report per outage")
    }

    @Test func aRefusedBatchIsDroppedCountedAndLoggedWithoutTheKey() async throws {
        let path = try history("refused.db", cycles: 2, perCycle: 5)
        let attempts = Mutex(0)
        let server = try await LoopbackHTTPServer.start { _ in
            let attempt = attempts.withLock { count in
                count += 1
                return count
            }
            return attempt == 1 ? .status(400, "out of bounds") : .status(200)
        }
        let events = Events()
        let url = server.url(path: "/api/v1/write?api_key=TOPSECRET-KEY-123")
        let one = sender(endpoint(url, max: 4), path: path, events: events)
        one.start()
        try await RemoteWriteFixture.waitUntil("every batch is answered") { one.stats.samplesAccepted + one.stats.samplesFailed == 10 }
        one.stop()
        await server.shutdown()
        #expect(one.stats.samplesFailed == 4)
        #expect(one.stats.samplesRetried == 0, "a 4xx is not retried")
        let logged = events.list.withLock { $0 }
        #expect(logged == [.refused(remoteName: "127.0.0.1:\(server.port)", status: 400, samples: 4, detail: "out of bounds")])
        #expect(!"\(logged)".contains("TOPSECRET"))
    }

    @Test func anUnreachableReceiverIsRetriedAndNothingIsLost() async throws {
        let path = try history("down.db", cycles: 3, perCycle: 4)
        let port = LoopbackPort.unused()
        let events = Events()
        let one = sender(endpoint("http://127.0.0.1:\(port)/api/v1/write?token=TOPSECRET", name: "central"), path: path, events: events)
        one.start()
        try await RemoteWriteFixture.waitUntil("a few retries") { one.stats.samplesRetried >= 21 }
        one.stop()
        let logged = "\(events.list.withLock { $0 })"
        #expect(logged.contains("central"))
        #expect(!logged.contains("TOPSECRET"))
        let log = try RemoteWriteLog(path: path, endpoint: "central")
        defer { log.close() }
        #expect(try log.pendingSamples(from: log.position().position) == 12, "the position stayed: everything is still to send")

        let received = Received()
        let server = try await LoopbackHTTPServer.start { request in
            received.accepted.withLock { $0 += WireFormat.decode(body: request.body) ?? [] }
            return .status(200)
        }
        let again = sender(endpoint(server.url(path: "/api/v1/write"), name: "central"), path: path)
        again.start()
        try await RemoteWriteFixture.waitUntil("all 12 arrive") { received.samples.count >= 12 }
        again.stop()
        await server.shutdown()
        #expect(received.samples.count == 12)
    }

    @Test(.enabled(if: OpenSSLTestServer.executable != nil))
    func anUntrustedCertificateFailsAndIsRetried() async throws {
        let path = try history("tls.db", cycles: 1, perCycle: 3)
        let tls = try OpenSSLTestServer.start()
        defer { tls.stop() }
        let events = Events()
        let one = sender(endpoint("https://127.0.0.1:\(tls.port)/api/v1/write"), path: path, events: events)
        one.start()
        try await RemoteWriteFixture.waitUntil("the failure is reported") { !events.list.withLock { $0 }.isEmpty }
        one.stop()
        guard case .failing(_, let reason) = events.list.withLock({ $0 })[0] else {
            Issue.record("expected a failing event, got \(events.list.withLock { $0 })")
            return
        }
        #expect(reason.lowercased().contains("certificate"), "\(reason)")
        #expect(one.stats.samplesAccepted == 0)
    }

    @Test func aRestartSendsOnFromThePositionWithoutRepeats() async throws {
        let path = try history("restart.db", cycles: 10, perCycle: 10)
        let received = Received()
        let server = try await LoopbackHTTPServer.start { request in
            received.accepted.withLock { $0 += WireFormat.decode(body: request.body) ?? [] }
            return .status(200)
        }
        let first = sender(endpoint(server.url(path: "/api/v1/write"), name: "r", max: 9), path: path)
        first.start()
        try await RemoteWriteFixture.waitUntil("some batches") { received.samples.count >= 27 }
        first.stop()
        let second = sender(endpoint(server.url(path: "/api/v1/write"), name: "r", max: 9), path: path)
        second.start()
        try await RemoteWriteFixture.waitUntil("everything") { received.samples.count >= 100 }
        second.stop()
        await server.shutdown()
        #expect(received.samples.count == 100)
        #expect(Set(received.samples.map { "\($0.0)@\($0.1)" }).count == 100)
    }

    @Test func writeRelabelConfigsDropAndRewriteSeries() async throws {
        let path = try history("relabel.db", cycles: 2, perCycle: 4)
        let received = Received()
        let server = try await LoopbackHTTPServer.start { request in
            received.accepted.withLock { $0 += WireFormat.decode(body: request.body) ?? [] }
            return .status(200)
        }
        var target = endpoint(server.url(path: "/api/v1/write"), name: "relabelled", max: 100)
        target.writeRelabelConfigs = [
            try RelabelConfig(sourceLabels: ["pid"], regex: "<0\\.0\\.0>", action: .drop),
            try RelabelConfig(sourceLabels: ["pid"], regex: "<0\\.(\\d+)\\.0>", targetLabel: "process", replacement: "p$1"),
            try RelabelConfig(regex: "pid", action: .labeldrop),
        ]
        let one = sender(target, path: path)
        one.start()
        try await RemoteWriteFixture.waitUntil("the kept samples arrive") { received.samples.count >= 6 }
        try await RemoteWriteFixture.waitUntil("the dropped ones are counted") { one.stats.samplesDropped["relabel"] == 2 }
        one.stop()
        await server.shutdown()
        let names = Set(received.accepted.withLock { $0.map { $0.labels["process"] ?? "?" } })
        #expect(names == ["p1", "p2", "p3"])
        #expect(received.accepted.withLock { $0.allSatisfy { $0.labels["pid"] == nil } })
    }
}
