import Foundation
import Probe
import TestSupport
import Testing

/// Backlog's shards against a real Prometheus 2.42 sharding the same addresses with the usual
/// `hashmod` + `keep` relabelling: both must keep the same targets in every shard.
@Suite struct ShardPrometheusTests {
    /// Host names, IPv4 and IPv6 addresses; none need answer, as Prometheus lists targets
    /// before it scrapes them (and scrapes them only once an hour here).
    static let addresses: [String] =
        (0..<60).map { "chat\($0).invalid:9199" } + (0..<40).map { "127.0.0.\($0 + 1):\(20_000 + $0)" }
        + (0..<20).map { "[::1]:\(21_000 + $0)" }

    static func prometheusConfig(total: Int) -> String {
        let targets = addresses.map { "'\($0)'" }.joined(separator: ", ")
        var text = "global: {scrape_interval: 1h, scrape_timeout: 10s}\nscrape_configs:\n"
        for index in 0..<total {
            text += """
                  - job_name: shard\(index)
                    static_configs: [{targets: [\(targets)]}]
                    relabel_configs:
                      - {source_labels: [__address__], modulus: \(total), target_label: __tmp_hash, action: hashmod}
                      - {source_labels: [__tmp_hash], regex: '\(index)', action: keep}

                """
        }
        return text
    }

    @Test(.enabled(if: PrometheusTargetsServer.available))
    func everyShardKeepsTheTargetsPrometheusKeeps() async throws {
        let total = 4
        let prometheus = try await PrometheusTargetsServer.start(config: Self.prometheusConfig(total: total))
        var listed: (active: Set<PrometheusTargetsServer.Listed>, dropped: Set<PrometheusTargetsServer.Listed>) = ([], [])
        // Prometheus applies static targets after its discovery manager's first update.
        try await waitUntil("Prometheus lists every target in every pool") {
            listed = try prometheus.targets()
            return listed.active.count + listed.dropped.count == total * Self.addresses.count
        }
        var resolver = TargetResolver(groups: [TargetGroup(job: "chat", endpoints: Self.addresses)])
        let targets = resolver.resolve().targets
        for index in 0..<total {
            let pool = "shard\(index)"
            let kept = Set(listed.active.filter { $0.pool == pool }.map(\.address))
            let backlog = Shard(total: total, index: index)!.split(targets)
            #expect(Set(backlog.polled.map(\.address)) == kept, "\(pool): Backlog and Prometheus keep the same targets")
            #expect(Set(backlog.others.map(\.address)) == Set(listed.dropped.filter { $0.pool == pool }.map(\.address)))
            #expect(!kept.isEmpty && kept.count < Self.addresses.count, "\(pool) keeps some targets, not all")
        }
        // The brief's case on its own: index 2 of 4.
        let two = Set(listed.active.filter { $0.pool == "shard2" }.map(\.address))
        #expect(two == Set(Self.addresses.filter { Shard.index(of: $0, total: 4) == 2 }))
    }
}
