import Fleet
import Testing
import TimeSeries

@Suite struct LoadScenarioTests {
    let simulation = FleetSimulation(config: FleetConfig(scenario: .load), epoch: Timestamp(milliseconds: 1_700_000_000_000))

    @Test func servesTwoThousandNodesByDefault() {
        #expect(simulation.nodeCount == 2000)
        #expect(simulation.nodeName(1999) == "chat2000@127.0.0.1")
    }

    @Test(arguments: [0, 999, 1999])
    func everyBodyHoldsExactlyTwoHundredSeries(node: Int) {
        let samples = ExpositionLines.samples(of: NodeExposition.render(simulation.nodeState(node, atSecond: 12)))
        #expect(samples.count == 200)
        #expect(samples.filter { $0.name == "erlang_process_message_queue_len" }.count == 200 - NodeExposition.vmSeriesCount)
    }

    @Test func valuesChangeEverySecondButTheSeriesStay() {
        let lengthsByPid = { (second: Int) in
            let samples = ExpositionLines.samples(of: NodeExposition.render(simulation.nodeState(5, atSecond: second)))
            return Dictionary(uniqueKeysWithValues: samples.filter { $0.name == "erlang_process_message_queue_len" }.map { ($0["pid"]!, $0.value) })
        }
        let first = lengthsByPid(30)
        let next = lengthsByPid(31)
        #expect(Set(first.keys) == Set(next.keys), "no series churn between polls")
        #expect(first.filter { next[$0.key] != $0.value }.count > 150)
    }

    @Test func nothingGoesDown() {
        #expect((0..<300).allSatisfy { simulation.isUp(node: 4, atSecond: $0) })
    }
}
