import Fleet
import Testing
import TimeSeries

@Suite struct SimulationDeterminismTests {
    let epoch = Timestamp(milliseconds: 1_700_000_000_000)

    func bodies(seed: UInt64, seconds: [Int]) -> [[UInt8]] {
        let simulation = FleetSimulation(config: FleetConfig(nodeCount: 6, seed: seed), epoch: epoch)
        return seconds.flatMap { second in
            (0..<6).map { NodeExposition.render(simulation.nodeState($0, atSecond: second)) }
        }
    }

    @Test func sameSeedAndOffsetGiveByteIdenticalBodies() {
        let seconds = [0, 1, 45, 87, 179, 1_000]
        #expect(bodies(seed: 7, seconds: seconds) == bodies(seed: 7, seconds: seconds))
    }

    @Test func differentSeedsGiveDifferentBodies() {
        let first = bodies(seed: 1, seconds: [45])
        let second = bodies(seed: 2, seconds: [45])
        for (one, other) in zip(first, second) { #expect(one != other) }
    }

    @Test func aBodyChangesFromSecondToSecond() {
        let bodies = bodies(seed: 1, seconds: [40, 41])
        #expect(bodies[0] != bodies[6])
    }

    @Test func theScanTimestampIsTheSimulatedTime() throws {
        let simulation = FleetSimulation(config: FleetConfig(nodeCount: 1), epoch: epoch)
        let state = simulation.nodeState(0, at: Timestamp(milliseconds: epoch.milliseconds + 42_750))
        #expect(state.second == 42)
        #expect(state.scanTime == Timestamp(milliseconds: epoch.milliseconds + 42_000))
        let line = try #require(ExpositionLines.samples(of: NodeExposition.render(state)).first { $0.name == "backlog_exporter_scan_timestamp_seconds" })
        #expect(line.value == "1700000042.000")
    }

    @Test func momentsBeforeTheEpochCountAsTheFirstSecond() {
        let simulation = FleetSimulation(config: FleetConfig(nodeCount: 1), epoch: epoch)
        #expect(simulation.second(at: Timestamp(milliseconds: epoch.milliseconds - 5_000)) == 0)
    }
}
