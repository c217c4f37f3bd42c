import Foundation
import TestSupport
import Testing
import TimeSeries

/// A running `backlog agent` told a new `shard:` by SIGHUP: its `/api/v1/targets` follows, and
/// the targets that left its shard get staleness markers in its history.
@Suite struct ShardSignalReloadTests {
    /// The agent's `/api/v1/targets`: active addresses that were polled and answered, and dropped ones.
    func targets(port: Int) -> (up: Set<String>, active: Set<String>, dropped: Set<String>)? {
        guard let response = try? LoopbackConnection.get(port: port, path: "/api/v1/targets"), response.status == 200,
            let json = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
            let data = json["data"] as? [String: Any]
        else { return nil }
        func addresses(_ key: String, health: String? = nil) -> Set<String> {
            Set((data[key] as? [[String: Any]] ?? []).compactMap { entry in
                if let health, entry["health"] as? String != health { return nil }
                return (entry["discoveredLabels"] as? [String: String])?["__address__"]
            })
        }
        return (addresses("activeTargets", health: "up"), addresses("activeTargets"), addresses("droppedTargets"))
    }

    @Test func sighupWithANewShardMovesTargetsAndMarksTheLeaversStale() async throws {
        let fixture = try await ShardFleetFixture.start(nodes: 12)
        let everyone = Set(fixture.addresses)
        let before = fixture.addresses(total: 2, index: 0)
        let (total, index) = try #require(fixture.reshard(from: 2, 0))
        let after = fixture.addresses(total: total, index: index)
        let port = LoopbackPort.unused()
        let config = try fixture.writeConfig("agent", total: 2, index: 0, listen: port)
        let log = "\(fixture.directory)/agent.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let agent = Process()
        agent.executableURL = BuiltProduct.url("backlog")
        agent.arguments = ["agent", "--config", config]
        agent.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        agent.standardOutput = FileHandle.nullDevice
        try agent.run()
        defer { if agent.isRunning { agent.terminate() } }
        func logText() -> String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

        try await waitUntil("the agent polls shard 0 of 2 (\(logText()))") {
            guard let listed = targets(port: port) else { return false }
            return listed.up == before && listed.active == before && listed.dropped == everyone.subtracting(before)
        }
        try fixture.writeConfig("agent", total: total, index: index, listen: port)
        kill(agent.processIdentifier, SIGHUP)
        try await waitUntil("the agent polls shard \(index) of \(total) (\(logText()))") {
            guard let listed = targets(port: port) else { return false }
            return listed.up == after && listed.active == after && listed.dropped == everyone.subtracting(after)
        }
        let metrics = try LoopbackConnection.get(port: port).text
        #expect(metrics.contains("\nbacklog_shard_index \(index)\n") && metrics.contains("\nbacklog_shard_total \(total)\n"))
        #expect(logText().contains(#"msg="shard changed; targets move from the next cycle" from="0 of 2" to="\#(index) of \#(total)""#), "\(logText())")
        kill(agent.processIdentifier, SIGTERM)
        agent.waitUntilExit()
        #expect(agent.terminationStatus == 0)

        let up = try fixture.upSeries("agent")
        for address in before.subtracting(after) {
            let series = try fixture.exportedSeries("agent", address: address)
            #expect(!series.isEmpty, "\(address) was polled before the reload")
            // The reload's cycle marks every series still live; a process of the simulated fleet
            // (which runs on the wall clock) that ended before it was marked when it ended.
            let marker = try #require(series.compactMap(\.timestamps.last).max())
            for stored in series {
                #expect(stored.values.last.map(Sample.isStaleMarker) == true, "marked stale: \(stored.labels)")
                #expect((stored.timestamps.last ?? .max) <= marker, "none after the first cycle after the reload")
            }
            // How many processes ended before it depends on how long the suite took to get there.
            #expect(series.filter { $0.timestamps.last == marker }.count * 3 > series.count, "many marked at the reload's cycle")
            #expect((up[address]?.timestamps.last ?? .max) < marker, "\(address) is polled no more once marked")
        }
        for address in after.subtracting(before) {
            #expect(up[address]?.values.last == 1, "\(address) is polled once it joined the shard")
        }
        try await fixture.shutdown()
    }
}
