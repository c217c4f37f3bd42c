import Fleet
import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// `backlog fleet` as a user runs it: the built executable in a child process.
@Suite struct FleetCommandTests {
    static let executable = BuiltProduct.url("backlog")

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func run(_ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["fleet"] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self)
        )
    }

    @Test func fewerThanOneNodeIsAUsageError() throws {
        let outcome = try run(["--nodes", "0"])
        #expect(outcome.status == 64)
        #expect(outcome.stderr.contains("the fleet needs at least 1 node (got 0)"))
        #expect(outcome.stdout.isEmpty)
    }

    @Test func anUnknownScenarioListsTheKnownOnes() throws {
        let outcome = try run(["--scenario", "chaos"])
        #expect(outcome.status == 64)
        #expect(outcome.stderr.contains("unknown scenario 'chaos'; known scenarios: default, load"))
    }

    @Test func portsPastTheRangeAreRefused() throws {
        let outcome = try run(["--nodes", "20", "--base-port", "65530"])
        #expect(outcome.status == 64)
        #expect(outcome.stderr.contains("ports 65530-65549 do not fit"))
    }

    @Test func aPortInUseIsNamed() async throws {
        let holder = FleetServer(config: FleetConfig(nodeCount: 1, basePort: 0), threadCount: 1)
        try await holder.start()
        let taken = holder.ports[0]
        let outcome = try run(["--nodes", "3", "--base-port", String(taken)])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("port \(taken) on 127.0.0.1 is already in use"))
        #expect(try LoopbackConnection(port: taken).get("/metrics").status == 200, "the holder keeps serving")
        try await holder.shutdown()
    }

    @Test func runningOutOfFileDescriptorsSaysSo() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -n 64 && exec \"$0\" fleet --nodes 100 --base-port 0", Self.executable.path]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(stderr.contains("ran out of file descriptors"), "\(stderr)")
    }

    @Test func servesUntilSIGTERMThenExitsCleanly() throws {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["fleet", "--nodes", "2", "--base-port", "0", "--processes-per-node", "100", "--seed", "9"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        var printed = Data()
        while !printed.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            printed.append(chunk)
        }
        let line = String(decoding: printed, as: UTF8.self)
        #expect(line.hasPrefix("serving 2 simulated nodes on 127.0.0.1"))
        #expect(line.contains("(scenario default, seed 9)"))
        let ports = line.matches(of: #/\d{4,5}/#).map { Int($0.output)! }
        let first = try #require(ports.first)
        #expect(try LoopbackConnection(port: first).get("/metrics").status == 200)

        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let rest = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(rest.contains("stopped on SIGTERM"))
        #expect(throws: LoopbackConnection.Failure.refused) { try LoopbackConnection(port: first) }
    }
}
