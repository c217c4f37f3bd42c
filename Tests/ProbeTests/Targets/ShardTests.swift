import Probe
import Testing
import TimeSeries

/// `shard: {total, index}`: which targets an agent polls, and how backlog.yml says it.
@Suite struct ShardTests {
    /// Address, then its shard among 4, 16 and 1000: the last 16 hex digits of
    /// `printf '%s' ADDRESS | md5sum`, modulo each (computed outside Backlog, with coreutils).
    static let vectors: [(address: String, of4: Int, of16: Int, of1000: Int)] = [
        ("chat1:9199", 0, 0, 656),
        ("chat2:9199", 1, 5, 549),  // the tail's top bit is set: read unsigned
        ("127.0.0.1:9199", 3, 15, 495),
        ("10.0.3.17:9199", 2, 10, 186),
        ("[::1]:9199", 1, 5, 213),
        ("node-é.example:9100", 2, 6, 222),  // UTF-8 bytes, as Go hashes a string
        ("baz", 0, 8, 976),  // Prometheus's relabel_test.go: hashmod of "baz" modulo 1000 is 976
    ]

    @Test func assignsTheBucketPrometheusHashmodGives() {
        for vector in Self.vectors {
            #expect(Shard.index(of: vector.address, total: 4) == vector.of4, "\(vector.address)")
            #expect(Shard.index(of: vector.address, total: 16) == vector.of16, "\(vector.address)")
            #expect(Shard.index(of: vector.address, total: 1000) == vector.of1000, "\(vector.address)")
        }
    }

    @Test func agreesWithTheRelabelEnginesHashmod() throws {
        let hashmod = try RelabelConfig(sourceLabels: ["__address__"], targetLabel: "__tmp_hash", modulus: 4, action: .hashmod)
        for vector in Self.vectors {
            let relabelled = Relabeler.apply(hashmod, to: Labels(["__address__": vector.address]))
            #expect(relabelled?["__tmp_hash"] == String(Shard.index(of: vector.address, total: 4)))
        }
    }

    @Test func hashesTheAddressAloneWhateverTheJobSchemeOrPath() {
        let shard = Shard(total: 4, index: 0)!
        var resolver = TargetResolver(groups: [
            TargetGroup(job: "chat", endpoints: ["chat1:9199", "chat2:9199"]),
            TargetGroup(job: "edge", endpoints: ["chat1:9199"], labels: Labels(["dc": "ams"]), metricsPath: "/other", scheme: "https"),
        ])
        let (polled, others) = shard.split(resolver.resolve().targets)
        #expect(polled.map(\.url) == ["http://chat1:9199/metrics", "https://chat1:9199/other"])
        #expect(others.map(\.address) == ["chat2:9199"])
    }

    @Test func everyTargetIsInExactlyOneShard() {
        let targets = (0..<500).map { ScrapeTarget(commandLineURL: "chat\($0).example:9199") }
        let shards = (0..<7).map { Shard(total: 7, index: $0)! }
        let counts = targets.map { target in shards.count { $0.contains(target) } }
        #expect(counts.allSatisfy { $0 == 1 })
        #expect(shards.reduce(0) { $0 + $1.split(targets).polled.count } == targets.count)
        #expect(Shard.whole.split(targets).polled == targets)
        #expect(Shard(total: 1, index: 0) == .whole)
    }

    @Test func refusesImpossibleShards() {
        #expect(Shard(total: 0, index: 0) == nil)
        #expect(Shard(total: 4, index: 4) == nil)
        #expect(Shard(total: 4, index: -1) == nil)
        #expect(Shard(total: 4, index: 3)?.description == "shard 3 of 4")
    }
}
