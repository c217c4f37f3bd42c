import Foundation
import TestSupport

/// `backlog fleet` as a child process on ports the system picks, for benchmarks whose pollers are
/// other processes: the fleet's serving then counts against neither side.
final class FleetProcess {
    /// Every node's `host:port`, node 0 first.
    let addresses: [String]
    private let process: Process

    private init(addresses: [String], process: Process) {
        self.addresses = addresses
        self.process = process
    }

    /// Why the fleet did not come up.
    struct StartFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts the fleet and returns once it says where it serves (its nodes are bound by then).
    /// `processesPerNode` nil leaves the scenario's own number.
    static func start(nodes: Int, processesPerNode: Int? = nil, scenario: String) throws -> FleetProcess {
        let process = Process()
        process.executableURL = BuiltProduct.url("backlog")
        process.arguments = ["fleet", "--scenario", scenario, "--nodes", "\(nodes)", "--base-port", "0"]
            + (processesPerNode.map { ["--processes-per-node", "\($0)"] } ?? [])
        let output = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let addresses = parse(text), addresses.count == nodes else {
            process.terminate()
            process.waitUntilExit()
            throw StartFailure(description: "backlog fleet did not start: \(text.isEmpty ? "it printed nothing" : text)")
        }
        return FleetProcess(addresses: addresses, process: process)
    }

    /// The addresses in `serving N simulated nodes on HOST:FIRST-LAST (…)` or `on HOST ports A,B,… (…)`.
    static func parse(_ line: String) -> [String]? {
        guard let on = line.range(of: " on ") else { return nil }
        let words = line[on.upperBound...].split(separator: " ")
        guard let first = words.first else { return nil }
        if words.count > 2, words[1] == "ports" {
            return words[2].split(separator: ",").map { "\(first):\($0)" }
        }
        guard let colon = first.lastIndex(of: ":") else { return nil }
        let host = first[..<colon]
        let range = first[first.index(after: colon)...].split(separator: "-").compactMap { Int($0) }
        guard let low = range.first, let high = range.last, low <= high else { return nil }
        return (low...high).map { "\(host):\($0)" }
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit { stop() }
}
