import Fleet
import Testing

@Suite struct FleetConfigTests {
    @Test func defaultsFollowTheScenario() {
        #expect(FleetConfig().nodeCount == 10)
        #expect(FleetConfig().exportLimits == ExportLimits(topK: 20, floor: 1000, maxSeries: 200))
        #expect(FleetConfig(scenario: .load).nodeCount == 2000)
        #expect(FleetConfig(nodeCount: 3, basePort: 9100).port(ofNode: 2) == 9102)
    }

    @Test(arguments: [0, -3])
    func rejectsFewerThanOneNode(count: Int) {
        #expect(throws: FleetConfigError.tooFewNodes(count)) { try FleetConfig(nodeCount: count).validate() }
        #expect(FleetConfigError.tooFewNodes(count).description.contains("at least 1 node"))
    }

    @Test func rejectsPortsBeyondTheRange() {
        #expect(throws: FleetConfigError.portOutOfRange(basePort: 65_530, nodeCount: 10)) {
            try FleetConfig(nodeCount: 10, basePort: 65_530).validate()
        }
        #expect(throws: Never.self) { try FleetConfig(nodeCount: 10, basePort: 0).validate() }
        #expect(throws: Never.self) { try FleetConfig(nodeCount: 6, basePort: 65_530).validate() }
    }

    @Test func rejectsNodesWithoutProcesses() {
        #expect(throws: FleetConfigError.tooFewProcesses(0)) { try FleetConfig(processesPerNode: 0).validate() }
    }

    @Test func anUnknownScenarioListsTheKnownOnes() {
        #expect(throws: FleetConfigError.unknownScenario("chaos", known: ["default", "load", "churn"])) {
            try FleetScenario(named: "chaos")
        }
        let message = FleetConfigError.unknownScenario("chaos", known: ["default", "load", "churn"]).description
        #expect(message == "unknown scenario 'chaos'; known scenarios: default, load, churn")
    }

    @Test func everyScenarioDocumentsItsTimeline() {
        for scenario in FleetScenario.allCases {
            #expect(scenario.timeline.hasPrefix("\(scenario.rawValue):"))
        }
    }
}
