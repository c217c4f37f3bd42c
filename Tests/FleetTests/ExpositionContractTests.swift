import Fleet
import Testing
import TimeSeries

/// Every line of a body against DESIGN.md's exporter contract.
@Suite struct ExpositionContractTests {
    static let labelNames: [String: [String]] = [
        "erlang_process_message_queue_len": ["pid", "name", "initial_call"],
        "erlang_process_info": ["pid", "current_function", "status"],
        "erlang_process_reductions_per_second": ["pid", "name", "initial_call"],
        "erlang_process_type_message_queue_len_sum": ["initial_call"],
        "erlang_process_type_message_queue_len_max": ["initial_call"],
        "erlang_process_type_processes": ["initial_call"],
        "erlang_vm_message_queue_len_sum": [],
        "erlang_vm_message_queue_len_max": [],
        "erlang_vm_message_queue_len_bucket": ["le"],
        "erlang_vm_process_count": [], "erlang_vm_process_limit": [],
        "erlang_vm_port_count": [], "erlang_vm_port_limit": [],
        "erlang_vm_atom_count": [], "erlang_vm_atom_limit": [],
        "erlang_vm_statistics_run_queues_length": [],
        "erlang_vm_memory_bytes_total": ["kind"],
        "erlang_vm_scheduler_utilization": [],
        "erlang_vm_dist_queue_bytes": ["peer"],
        "erlang_vm_dist_busy": ["peer"],
        "erlang_vm_dist_buf_busy_limit_bytes": [],
        "erlang_node_info": ["node", "otp_release"],
        "backlog_exporter_scan_duration_seconds": [],
        "backlog_exporter_scan_timestamp_seconds": [],
    ]

    let epoch = Timestamp(milliseconds: 1_700_000_000_000)

    /// Checks the structure every body must have and returns its samples by family.
    func checkStructure(_ body: [UInt8]) -> [String: [SampleLine]] {
        #expect(body.last == UInt8(ascii: "\n"))
        var families: [String: [SampleLine]] = [:]
        var order: [String] = []
        var help: String?
        var typed: String?
        for line in ExpositionLines.lines(of: body) {
            switch line {
            case .help(let name, _):
                #expect(!order.contains(name), "\(name) appears once")
                help = name
                typed = nil
                order.append(name)
            case .type(let name, let type):
                #expect(name == help, "TYPE right after HELP")
                #expect(type == "gauge")
                typed = name
            case .sample(let sample):
                #expect(sample.name == typed, "\(sample.name) under its own HELP and TYPE")
                let expectedLabels = Self.labelNames[sample.name]
                #expect(expectedLabels == sample.labels.map(\.name), "labels of \(sample.name)")
                let value = Double(sample.value)
                #expect(value != nil && value! >= 0 && value!.isFinite, "value \(sample.value)")
                families[sample.name, default: []].append(sample)
            case .malformed(let text):
                Issue.record("malformed line: \(text)")
            }
        }
        #expect(Set(order) == Set(Self.labelNames.keys), "every family of the contract, nothing else")
        return families
    }

    @Test(arguments: [(0, 10), (2, 95), (1, 120), (4, 100), (7, 3_000)])
    func everyLineFollowsTheContract(node: Int, second: Int) throws {
        let simulation = FleetSimulation(config: FleetConfig(nodeCount: 10), epoch: epoch)
        let state = simulation.nodeState(node, atSecond: second)
        let families = checkStructure(NodeExposition.render(state))

        let processes = try #require(families["erlang_process_message_queue_len"])
        #expect(processes.count >= 20 && processes.count <= 200)
        #expect(Set(processes.map { $0["pid"]! }).count == processes.count, "one series per pid")
        for process in processes {
            #expect(process["pid"]!.wholeMatch(of: #/<0\.\d+\.0>/#) != nil)
            #expect(process["initial_call"]!.wholeMatch(of: #/[a-z_]+:[a-z_0-9]+\/\d+/#) != nil)
        }
        let info = try #require(families["erlang_process_info"])
        #expect(info.map { $0["pid"]! } == processes.map { $0["pid"]! }, "one info series per exported process, in the same order")
        for process in info {
            #expect(process["current_function"]!.wholeMatch(of: #/[a-z_]+:[a-z_0-9]+\/\d+/#) != nil)
            #expect(["waiting", "runnable"].contains(process["status"]!))
            #expect(process.value == "1")
        }
        let lengths = processes.map { Int($0.value)! }
        #expect(lengths == lengths.sorted(by: >), "longest first")
        // Every process at or above the floor is exported, however many there are beyond the top K.
        let aboveFloor = (0..<simulation.processCount).filter {
            simulation.queueLength(ofProcess: $0, onNode: node, atSecond: second) >= 1000
        }
        #expect(lengths.filter { $0 >= 1000 }.count == aboveFloor.count)

        let buckets = try #require(families["erlang_vm_message_queue_len_bucket"])
        #expect(buckets.map { $0["le"]! } == ["0", "10", "100", "1000", "10000", "100000", "+Inf"])
        let counts = buckets.map { Int($0.value)! }
        #expect(zip(counts, counts.dropFirst()).allSatisfy { $0 <= $1 }, "cumulative")
        #expect(families["erlang_vm_process_count"]?.first?.value == buckets.last?.value, "+Inf counts every process")
        #expect(families["erlang_vm_message_queue_len_max"]?.first?.value == String(lengths.first!))

        let kinds = families["erlang_vm_memory_bytes_total"]?.map { $0["kind"]! }
        #expect(kinds == ["processes", "system", "binary", "ets", "atom", "code"])
        let utilization = try #require(families["erlang_vm_scheduler_utilization"]?.first.flatMap { Double($0.value) })
        #expect((0...1).contains(utilization))
        let nodeInfo = try #require(families["erlang_node_info"]?.first)
        #expect(nodeInfo["node"] == "chat\(node + 1)@127.0.0.1" && nodeInfo["otp_release"] == "25" && nodeInfo.value == "1")
        for name in ["process", "port", "atom"] {
            let count = Int(families["erlang_vm_\(name)_count"]![0].value)!
            #expect(count <= Int(families["erlang_vm_\(name)_limit"]![0].value)!)
        }
    }

    @Test func whenEveryProcessIsExportedTheSummaryAddsUp() throws {
        let everything = ExportLimits(topK: 100, floor: 1000, maxSeries: 100)
        let simulation = FleetSimulation(config: FleetConfig(nodeCount: 3, processesPerNode: 100, exportLimits: everything), epoch: epoch)
        for second in [5, 33, 95, 140] {
            let families = checkStructure(NodeExposition.render(simulation.nodeState(2, atSecond: second)))
            let lengths = try #require(families["erlang_process_message_queue_len"]).map { Int($0.value)! }
            #expect(lengths.count == 100)
            #expect(families["erlang_vm_message_queue_len_sum"]?.first?.value == String(lengths.reduce(0, +)))
            #expect(families["erlang_vm_message_queue_len_max"]?.first?.value == String(lengths.max()!))
            let buckets = try #require(families["erlang_vm_message_queue_len_bucket"])
            for bucket in buckets {
                let bound = bucket["le"] == "+Inf" ? Int.max : Int(bucket["le"]!)!
                #expect(Int(bucket.value) == lengths.filter { $0 <= bound }.count, "le=\(bucket["le"]!)")
            }
        }
    }

    @Test(arguments: [(2, 60), (0, 33), (1, 170)])
    func reductionsRatesCoverTheExportedProcesses(node: Int, second: Int) throws {
        let simulation = FleetSimulation(config: FleetConfig(nodeCount: 3), epoch: epoch)
        let families = checkStructure(NodeExposition.render(simulation.nodeState(node, atSecond: second)))
        let queues = try #require(families["erlang_process_message_queue_len"])
        let rates = try #require(families["erlang_process_reductions_per_second"])
        #expect(rates.map { $0["pid"]! } == queues.map { $0["pid"]! }, "one rate per exported process, in the same order")
        #expect(rates.map { $0["name"]! } == queues.map { $0["name"]! })
        #expect(rates.map { $0["initial_call"]! } == queues.map { $0["initial_call"]! })
        if node == 2, second == 60 {
            let router = try #require(rates.first { $0["name"] == "chat_router" })
            #expect(Int(router.value)! <= 5, "the stuck router does next to no work")
        }
    }

    /// The queue series of the stalled router keeps its labels through the incident; only its
    /// info series tells where it waits, and that it works through the backlog afterwards.
    @Test func theRoutersQueueSeriesKeepsItsLabelsWhileItsInfoFollowsTheStall() throws {
        let simulation = FleetSimulation(config: FleetConfig(nodeCount: 3), epoch: epoch)
        var queueLabels: Set<[String]> = []
        var whereAndStatus: [String: String] = [:]
        for second in [30, 60, 168] {
            let families = checkStructure(NodeExposition.render(simulation.nodeState(2, atSecond: second)))
            let queue = try #require(families["erlang_process_message_queue_len"]?.first { $0["name"] == "chat_router" })
            queueLabels.insert(queue.labels.map { "\($0.name)=\($0.value)" })
            let info = try #require(families["erlang_process_info"]?.first { $0["pid"] == queue["pid"] })
            whereAndStatus[info["current_function"]!] = info["status"]!
        }
        #expect(queueLabels.count == 1, "one queue series for the whole incident")
        #expect(whereAndStatus["gen:do_call/4"] == "waiting")
        #expect(whereAndStatus["chat_router:handle_info/2"] == "runnable")
    }

    @Test func processTypesSumTheNonEmptyQueuesByInitialCall() throws {
        let everything = ExportLimits(topK: 100, floor: 1000, maxSeries: 100)
        let simulation = FleetSimulation(config: FleetConfig(nodeCount: 3, processesPerNode: 100, exportLimits: everything), epoch: epoch)
        for second in [5, 60, 140] {
            let families = checkStructure(NodeExposition.render(simulation.nodeState(2, atSecond: second)))
            let processes = try #require(families["erlang_process_message_queue_len"]).filter { $0.value != "0" }
            var expected: [String: (sum: Int, max: Int, count: Int)] = [:]
            for process in processes {
                let old = expected[process["initial_call"]!] ?? (0, 0, 0)
                let length = Int(process.value)!
                expected[process["initial_call"]!] = (old.sum + length, max(old.max, length), old.count + 1)
            }
            let sums = try #require(families["erlang_process_type_message_queue_len_sum"])
            #expect(sums.count == min(expected.count, 20))
            #expect(sums.map { Int($0.value)! } == sums.map { Int($0.value)! }.sorted(by: >), "largest sums first")
            for (family, field) in [("erlang_process_type_message_queue_len_sum", 0), ("erlang_process_type_message_queue_len_max", 1),
                                    ("erlang_process_type_processes", 2)] {
                for sample in try #require(families[family]) {
                    let want = try #require(expected[sample["initial_call"]!])
                    #expect(Int(sample.value) == [want.sum, want.max, want.count][field], "\(family) \(sample["initial_call"]!)")
                }
            }
        }
    }

    @Test func loadBodiesKeepTheirExactSize() {
        let simulation = FleetSimulation(config: FleetConfig(nodeCount: 2, scenario: .load), epoch: epoch)
        let names = Set(ExpositionLines.samples(of: NodeExposition.render(simulation.nodeState(1, atSecond: 9))).map(\.name))
        #expect(!names.contains("erlang_process_info"))
        #expect(!names.contains("erlang_vm_dist_queue_bytes"))
        #expect(!names.contains("erlang_process_reductions_per_second"))
        #expect(!names.contains("erlang_process_type_message_queue_len_sum"))
    }

    /// Each node's links to the other nodes that are up, in both labelled families, as the exporter serves them.
    @Test(arguments: [(3, 10), (3, 100), (0, 75)])
    func distributionLinksNameEveryConnectedPeer(node: Int, second: Int) throws {
        let simulation = FleetSimulation(config: FleetConfig(nodeCount: 10), epoch: epoch)
        let families = checkStructure(NodeExposition.render(simulation.nodeState(node, atSecond: second)))
        let bytes = try #require(families["erlang_vm_dist_queue_bytes"])
        let busy = try #require(families["erlang_vm_dist_busy"])
        #expect(busy.map { $0["peer"]! } == bytes.map { $0["peer"]! })
        let expectedPeers = (0..<10).filter { $0 != node && simulation.isUp(node: $0, atSecond: second) }.map(simulation.nodeName)
        #expect(Set(bytes.map { $0["peer"]! }) == Set(expectedPeers), "every other node that is up: chat5 is down from 60 s to 90 s")
        #expect(families["erlang_vm_dist_buf_busy_limit_bytes"]?.first?.value == "1048576")
        for (queued, flag) in zip(bytes, busy) {
            #expect(flag.value == (Int(queued.value)! >= 1_048_576 ? "1" : "0"), "busy from the limit on: \(queued)")
        }
    }

    @Test func theTopKAreTheLongestQueues() throws {
        let simulation = FleetSimulation(config: FleetConfig(nodeCount: 1), epoch: epoch)
        let state = simulation.nodeState(0, atSecond: 77)
        let all = (0..<simulation.processCount).map { simulation.queueLength(ofProcess: $0, onNode: 0, atSecond: 77) }
        let twentieth = all.sorted(by: >)[19]
        #expect(state.processes.count == 20)
        #expect(state.processes.allSatisfy { $0.length >= twentieth })
        #expect(state.processes.allSatisfy { all[$0.index] == $0.length })
        #expect(state.queues.sum == all.reduce(0, +))
    }

    @Test func aHostThatNeedsEscapingIsEscaped() throws {
        let simulation = FleetSimulation(config: FleetConfig(nodeCount: 1, bindHost: "odd\"host"), epoch: epoch)
        let info = try #require(ExpositionLines.samples(of: NodeExposition.render(simulation.nodeState(0, atSecond: 0))).first { $0.name == "erlang_node_info" })
        #expect(info["node"] == #"chat1@odd\"host"#)
    }
}
