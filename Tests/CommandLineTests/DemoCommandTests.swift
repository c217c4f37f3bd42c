import Foundation
import Synchronization
import TestSupport
import Testing

/// `backlog demo --headless` tells the default scenario's whole story as its webhook hears it:
/// chat_router's mailbox passes 10,000, the shipped `ErlangProcessBacklog` rule pages after its
/// minute, and the page resolves when the router recovers.
@Suite struct DemoCommandTests {
    @Test(.timeLimit(.minutes(4)))
    func thePageFiresThenResolves() throws {
        let root = BuiltProduct.directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        // 66 s into the story: chat_router passes 10,000 at 72 s, pages a minute later, and is
        // under it again from 171 s, so the whole page takes under two minutes to watch.
        let demo = try HeadlessDemo(arguments: ["demo", "--headless", "--nodes", "3", "--rules", "\(root)/rules", "--story-second", "66"])
        defer { demo.stop() }
        let firing = try demo.waitForLine("the page firing", deadline: Date(timeIntervalSinceNow: 150)) { Self.isPage($0, "FIRING") }
        #expect(firing.contains("node=chat3@127.0.0.1"), "\(firing)")
        // Fetched while the page was pending, so the page carries it.
        #expect(firing.hasSuffix(" — stuck in gen:do_call/4"), "\(firing)")
        let resolved = try demo.waitForLine("the page resolved", deadline: Date(timeIntervalSinceNow: 120)) { Self.isPage($0, "RESOLVED") }
        #expect(resolved.contains("node=chat3@127.0.0.1"), "\(resolved)")
        let lines = demo.lines()
        let firstFiring = try #require(lines.firstIndex { Self.isPage($0, "FIRING") })
        let firstResolved = try #require(lines.firstIndex { Self.isPage($0, "RESOLVED") })
        #expect(firstFiring < firstResolved, "fires before it resolves: \(lines)")
        #expect(demo.stop() == 0, "Ctrl-C stops the demo cleanly")
    }

    /// chat4's link to chat6 is busy from 36 s: the shipped distribution rule pages a minute later
    /// (the headless line names the node; the alert carries the peer).
    @Test(.timeLimit(.minutes(3)))
    func theBusyDistributionLinkPages() throws {
        let root = BuiltProduct.directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        let demo = try HeadlessDemo(arguments: ["demo", "--headless", "--nodes", "6", "--rules", "\(root)/rules", "--story-second", "34"])
        defer { demo.stop() }
        let firing = try demo.waitForLine("the distribution page firing", deadline: Date(timeIntervalSinceNow: 150)) {
            let words = $0.split(separator: " ")
            return words.count > 2 && words[1] == "FIRING" && words[2] == "ErlangDistributionLinkBusy"
        }
        #expect(firing.contains("node=chat4@127.0.0.1"), "\(firing)")
        #expect(demo.stop() == 0, "Ctrl-C stops the demo cleanly")
    }
}

extension DemoCommandTests {
    /// Whether a headless demo line (`12:00:00 FIRING  ErlangProcessBacklog name=chat_router …`)
    /// announces chat_router's page in `state`.
    static func isPage(_ line: String, _ state: String) -> Bool {
        let words = line.split(separator: " ")
        return words.count > 3 && words[1] == state && words[2] == "ErlangProcessBacklog" && words[3] == "name=chat_router"
    }
}

/// A headless `backlog demo` whose output is read line by line as it arrives.
final class HeadlessDemo {
    struct Timeout: Error, CustomStringConvertible {
        let description: String
    }

    private let process = Process()
    private let output = DemoOutput()

    init(arguments: [String]) throws {
        process.executableURL = BuiltProduct.url("backlog")
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        out.fileHandleForReading.readabilityHandler = { [output] handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil }
            output.take(data)
        }
        try process.run()
    }

    /// The complete lines printed so far.
    func lines() -> [String] { output.lines() }

    /// The first line that satisfies `condition`, waiting for more output until `deadline`.
    func waitForLine(_ description: String, deadline: Date, _ condition: (String) -> Bool) throws -> String {
        if let line = output.waitForLine(until: deadline, condition) { return line }
        throw Timeout(description: "no line for \(description); the demo printed:\n\(lines().joined(separator: "\n"))")
    }

    /// Interrupts the demo as Ctrl-C would and returns its exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGINT) }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// What a child process printed, with a condition that wakes waiters when more arrives.
final class DemoOutput: Sendable {
    private let state = Mutex<(text: String, ended: Bool)>(("", false))
    private let arrival = NSCondition()

    /// Takes a chunk of output; an empty chunk is the end of it.
    func take(_ data: Data) {
        state.withLock {
            if data.isEmpty { $0.ended = true } else { $0.text += String(decoding: data, as: UTF8.self) }
        }
        arrival.lock()
        arrival.broadcast()
        arrival.unlock()
    }

    func lines() -> [String] {
        state.withLock { $0.text.split(separator: "\n").map(String.init) }
    }

    /// The first line that satisfies `condition`, or nil if none came by `deadline` or the output ended.
    func waitForLine(until deadline: Date, _ condition: (String) -> Bool) -> String? {
        // Held while checking, so output that arrives between a check and the wait still wakes it.
        arrival.lock()
        defer { arrival.unlock() }
        while true {
            if let line = lines().first(where: condition) { return line }
            if state.withLock({ $0.ended }) || Date() >= deadline { return nil }
            _ = arrival.wait(until: deadline)
        }
    }
}
