import ArgumentParser
import Fleet

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `backlog fleet`: serve only the simulated fleet, for load tests and trying things.
struct FleetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fleet",
        abstract: "Serve a simulated fleet of Erlang nodes, each exporting /metrics like the node-side exporter.",
        discussion: """
            Node i (from 0) listens on --bind at --base-port + i and answers GET /metrics in the \
            Prometheus text format. Runs until interrupted (SIGINT or SIGTERM).

            Scenarios (--scenario):

            \(FleetScenario.allCases.map(\.timeline).joined(separator: "\n\n"))
            """
    )

    @Option(help: "How many nodes to simulate (default: 10, 2000 for the load scenario, 1 for churn).")
    var nodes: Int?

    @Option(help: "The first node's port; the others follow it. 0 picks free ports.")
    var basePort: Int = 9100

    @Option(help: "The same seed serves the same fleet, byte for byte.")
    var seed: UInt64 = 1

    @Option(help: "How many processes each node runs (only the top ones are exported).")
    var processesPerNode: Int = 5000

    @Option(help: "The story the fleet tells: \(FleetScenario.allCases.map(\.rawValue).joined(separator: ", ")).")
    var scenario: String = FleetScenario.default.rawValue

    @Option(help: "The churn scenario's new series per node per second: its processes all get new pids every second.")
    var newSeriesPerSecond: Int = 50_000

    @Option(help: "The address every node listens on.")
    var bind: String = "127.0.0.1"

    func validate() throws {
        do {
            try fleetConfig().validate()
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() async throws {
        let config = try fleetConfig()
        let termination = TerminationSignal()
        // A load fleet needs a socket per node plus one per poller connection: far past the usual 1,024.
        FileDescriptorLimit.raiseToHardLimit()
        let server = FleetServer(config: config)
        do {
            try await server.start()
        } catch let error as FleetServerError {
            printError("Error: \(error)")
            throw ExitCode.failure
        }
        let ports = server.ports
        let portRange = ports.count == 1 ? "\(ports[0])" : "\(ports[0])-\(ports[ports.count - 1])"
        let contiguous = ports.count < 2 || ports[ports.count - 1] - ports[0] == ports.count - 1
        let addresses = contiguous ? "\(config.bindHost):\(portRange)" : "\(config.bindHost) ports \(ports.map(String.init).joined(separator: ","))"
        print("serving \(config.nodeCount) simulated node\(config.nodeCount == 1 ? "" : "s") on \(addresses) (scenario \(config.scenario.rawValue), seed \(config.seed))")
        fflush(nil)
        let signal = await termination.next()
        try await server.shutdown()
        print("stopped on \(signal == SIGINT ? "SIGINT" : "SIGTERM")")
    }

    private func fleetConfig() throws(FleetConfigError) -> FleetConfig {
        FleetConfig(
            nodeCount: nodes, basePort: basePort, bindHost: bind, seed: seed,
            processesPerNode: processesPerNode, scenario: try FleetScenario(named: scenario),
            newSeriesPerSecond: newSeriesPerSecond
        )
    }

    private func printError(_ message: String) {
        var line = message + "\n"
        line.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
