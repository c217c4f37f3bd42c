import TestSupport
import Fleet
import Probe
import TimeSeries

/// One poll of one simulated node as the agent's scraper would record it: the body the node
/// serves, parsed and given the target's labels, or a refused connection while it is down.
///
/// No sockets: the body comes straight from `NodeExposition`, so a poll of 1,000 nodes costs
/// what parsing their bodies costs. The scrape duration, which a real poll measures, is
/// modelled instead (see `duration(node:second:)`).
enum SimulatedScrape {
    /// The target the agent would have for node `node`: job `erlang`, one port per node.
    static func target(node: Int) -> ScrapeTarget {
        let instance = "10.0.\(node / 250).\(node % 250 + 1):9199"
        return ScrapeTarget(job: "erlang", instance: instance, url: "http://\(instance)/metrics",
                            labels: Labels(["job": "erlang", "instance": instance]))
    }

    /// The scrape of `node` at simulated `second`, stamped `timestamp` (the cycle's start).
    static func scrape(_ simulation: FleetSimulation, node: Int, second: Int, target: ScrapeTarget, at timestamp: Timestamp)
        -> TargetScrape {
        let duration = Self.duration(node: node, second: second)
        let state = simulation.nodeState(node, atSecond: second)
        guard state.isUp else {
            let error = ScrapeError(kind: .transport(.connectionRefused), url: target.url,
                                    reason: "connection refused — is the exporter running and listening on that port?")
            return TargetScrape(target: target, timestamp: timestamp, samples: [], error: error, duration: duration,
                                bodyBytes: 0, scrapedSampleCount: 0)
        }
        let body = NodeExposition.render(state)
        // The simulation's bodies are valid by construction (FleetTests check the contract).
        let parsed = try! ParsedExposition.parse(body, format: .prometheusText)
        let samples = parsed.samples.map { sample in
            Sample(labels: sample.labels.addingTargetLabels(target.labels), value: sample.value, timestamp: sample.timestamp)
        }
        return TargetScrape(target: target, timestamp: timestamp, samples: samples, error: nil, duration: duration,
                            bodyBytes: body.count, scrapedSampleCount: samples.count)
    }

    /// A LAN round trip plus parse: 2–4 ms, different every poll, as a measured duration is.
    ///
    /// Seeded by node and second so every run draws the same figures.
    static func duration(node: Int, second: Int) -> Double {
        var random = SplitMix64(seed: UInt64(node) &* 0x1_0000_0001 &+ UInt64(second))
        return 0.002 + Double(random.next() % 2000) / 1_000_000
    }
}
