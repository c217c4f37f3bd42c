@testable import Agent
import Fleet
import Foundation
@testable import RemoteWrite
import Synchronization
import TestSupport
import Testing
import TimeSeries

/// `kill -9` of a remote-writing `backlog agent` process: after a restart, every sample the history
/// kept reaches the receiver, and only the batches sent since the position was last stored (and
/// the one in flight) arrive twice.
@Suite struct RemoteWriteCrashTests {
    /// Every sample a loopback receiver was sent, with how many times each came.
    final class Receiver: Sendable {
        let counts = Mutex<[Labels: [Int64: Int]]>([:])
        let batches = Mutex(0)

        var samplesReceived: Int { counts.withLock { $0.values.reduce(0) { $0 + $1.count } } }

        func take(_ request: LoopbackRequest) -> LoopbackBehavior {
            guard let series = WireFormat.decode(body: request.body) else { return .status(400, "not snappy protobuf") }
            counts.withLock { counts in
                for one in series {
                    for (time, value) in zip(one.timestamps, one.values) where !Sample.isStaleMarker(value) {
                        counts[one.labels, default: [:]][time, default: 0] += 1
                    }
                }
            }
            batches.withLock { $0 += 1 }
            return .status(204)
        }
    }

    static let batchSize = 300

    @Test func killNineResendsAtMostTheBatchesSinceThePositionWasStored() async throws {
        let fixture = try RemoteWriteFixture()
        let receiver = Receiver()
        let server = try await LoopbackHTTPServer.start { receiver.take($0) }
        let fleet = FleetServer(config: FleetConfig(nodeCount: 3, basePort: 0, processesPerNode: 200), threadCount: 1)
        try await fleet.start()
        let history = "\(fixture.directory)/h.db"
        let targets = fleet.targets.map { "\"\($0)\"" }.joined(separator: ", ")
        let configPath = "\(fixture.directory)/backlog.yml"
        try """
            interval: 200ms
            listen: 127.0.0.1:\(LoopbackPort.unused())
            targets:
              - {job: chat, targets: [\(targets)]}
            history: {path: \(history)}
            external_labels: {replica: a}
            remote_write:
              - name: sink
                url: \(server.url(path: "/api/v1/write"))
                queue_config: {max_samples_per_send: \(Self.batchSize), batch_send_deadline: 50ms}

            """.write(toFile: configPath, atomically: true, encoding: .utf8)
        let config = try AgentConfig.load(path: configPath)

        func startAgent() throws -> Process {
            let agent = Process()
            agent.executableURL = BuiltProduct.url("backlog")
            agent.arguments = ["agent", "--config", configPath]
            agent.standardOutput = FileHandle.nullDevice
            agent.standardError = FileHandle.nullDevice
            try agent.run()
            return agent
        }

        let first = try startAgent()
        defer { if first.isRunning { first.terminate() } }
        try await RemoteWriteFixture.waitUntil("the first agent sent twenty batches") { receiver.batches.withLock { $0 } >= 20 }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        let receivedAtCrash = receiver.samplesReceived

        let second = try startAgent()
        defer { if second.isRunning { second.terminate() } }
        try await RemoteWriteFixture.waitUntil("the restarted agent sends what came after the crash") {
            receiver.samplesReceived > receivedAtCrash + 10 * Self.batchSize
        }
        second.terminate()
        second.waitUntilExit()
        try await fleet.shutdown()
        try await RemoteWriteFixture.drain(history, endpoint: config.remoteWrite.endpoints[0], externalLabels: config.externalLabels)

        let expected = try RemoteWriteFixture.stored(history, adding: config.externalLabels)
        let received = receiver.counts.withLock { $0 }
        var missing = 0
        var twice = 0
        for (labels, samples) in expected {
            for (time, _) in samples {
                let count = received[labels]?[time] ?? 0
                if count == 0 { missing += 1 }
                if count > 1 { twice += count - 1 }
            }
        }
        #expect(expected.values.reduce(0) { $0 + $1.count } > 20 * Self.batchSize, "a real workload on both sides of the crash")
        #expect(missing == 0, "every stored sample arrived")
        let resendable = (SenderRun.batchesPerSave + 1) * Self.batchSize
        #expect(twice <= resendable, "only batches since the stored position are sent again: \(twice) samples came twice")
    }
}
