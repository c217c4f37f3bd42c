import Fleet
import Testing
import TimeSeries

@Suite struct ChurnScenarioTests {
    let epoch = Timestamp(milliseconds: 1_700_000_000_000)

    private func pids(_ simulation: FleetSimulation, node: Int = 0, second: Int) -> [String] {
        ExpositionLines.samples(of: NodeExposition.render(simulation.nodeState(node, atSecond: second)))
            .filter { $0.name == "erlang_process_message_queue_len" }
            .map { $0["pid"]! }
    }

    @Test func servesOneNodeByDefault() {
        #expect(FleetSimulation(config: FleetConfig(scenario: .churn), epoch: epoch).nodeCount == 1)
    }

    @Test func everySecondBringsTheConfiguredNumberOfNewSeries() {
        let simulation = FleetSimulation(config: FleetConfig(scenario: .churn, newSeriesPerSecond: 1500), epoch: epoch)
        var seen = Set<String>()
        for second in 0..<6 {
            let current = pids(simulation, second: second)
            #expect(current.count == 1500)
            #expect(Set(current).count == 1500, "no pid twice in one body")
            #expect(seen.isDisjoint(with: current), "second \(second) repeats a pid of an earlier second")
            seen.formUnion(current)
        }
    }

    @Test func theDefaultIsFiftyThousandNewSeriesASecond() {
        let config = FleetConfig(scenario: .churn)
        #expect(config.newSeriesPerSecond == 50_000)
        #expect(config.exportLimits.maxSeries == 50_000)
        #expect(config.exportLimits.topK == 50_000)
    }

    @Test func nodesChurnIndependently() {
        let simulation = FleetSimulation(config: FleetConfig(nodeCount: 2, scenario: .churn, newSeriesPerSecond: 300), epoch: epoch)
        #expect(pids(simulation, node: 0, second: 3).count == 300)
        #expect(pids(simulation, node: 1, second: 3).count == 300)
    }

    @Test func sameSecondSameBody() {
        let simulation = FleetSimulation(config: FleetConfig(scenario: .churn, newSeriesPerSecond: 200), epoch: epoch)
        #expect(pids(simulation, second: 9) == pids(simulation, second: 9))
    }

    @Test func rejectsZeroNewSeries() {
        #expect(throws: FleetConfigError.tooFewNewSeries(0)) {
            try FleetConfig(scenario: .churn, newSeriesPerSecond: 0).validate()
        }
    }
}
