import Foundation

/// A bare named node (`erl -sname`) with a cookie of its own in a file, and no exporter: what
/// `backlog attach` and the agent's `erlang_nodes` reach over distribution.
public final class NamedNode: Sendable {
    /// `name@host`.
    public let name: String
    /// The short name, before `@`.
    public let short: String
    public let host: String
    public let cookieFile: String
    private let cookie: String
    private let child = ChildProcess()

    private init(short: String, host: String, cookie: String, cookieFile: String) {
        self.short = short
        self.name = "\(short)@\(host)"
        self.host = host
        self.cookie = cookie
        self.cookieFile = cookieFile
    }

    /// Starts a node with a fresh name and cookie, and waits until epmd knows it.
    public static func start() async throws -> NamedNode {
        let host = try ToolRun.run("hostname", ["-s"], in: "/").output.trimmingCharacters(in: .whitespacesAndNewlines)
        let short = "attach\(UInt32.random(in: 0...UInt32.max))"
        let cookie = "COOKIE\(UInt64.random(in: 0...UInt64.max))"
        let cookieFile = NSTemporaryDirectory() + "backlog-cookie-\(short)"
        try cookie.write(toFile: cookieFile, atomically: true, encoding: .utf8)
        let node = NamedNode(short: short, host: host, cookie: cookie, cookieFile: cookieFile)
        try await node.boot()
        return node
    }

    /// Kills the node (`kill -9`, nothing said to its peers) and starts a new one under the same
    /// name and cookie, as a supervisor restarting it would; the new one has nothing loaded.
    public func restarted() async throws -> NamedNode {
        kill()
        try await waitUntil("\(short) leaves epmd", timeout: .seconds(30), pollEvery: .milliseconds(100)) { !registered }
        let node = NamedNode(short: short, host: host, cookie: cookie, cookieFile: cookieFile)
        try await node.boot()
        return node
    }

    private func boot() async throws {
        try child.run(ToolRun.process("erl", ["-sname", short, "-setcookie", cookie, "-noshell", "-noinput"], in: "/", environment: [:]))
        try await waitUntil("\(short) registers with epmd", timeout: .seconds(30), pollEvery: .milliseconds(100)) { registered }
    }

    private var registered: Bool {
        ((try? ToolRun.run("epmd", ["-names"], in: "/").output) ?? "").contains("name \(short) ")
    }

    /// `module:function(arguments)` on the node, through another hidden node, printed as a term.
    public func call(_ module: String, _ function: String, _ arguments: String) throws -> String {
        let caller = "probe\(UInt32.random(in: 0...UInt32.max))"
        let code = "io:format(\"~p\", [rpc:call('\(name)', \(module), \(function), \(arguments))]), halt()."
        return try ToolRun.run("erl", ["-sname", caller, "-setcookie", cookie, "-hidden", "-noshell", "-eval", code], in: "/").output
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `kill -9` of the node; its cookie file stays, for a restart.
    public func kill() {
        child.kill()
        child.waitUntilExit()
    }

    /// Stops the node and removes its cookie file.
    public func stop() {
        kill()
        try? FileManager.default.removeItem(atPath: cookieFile)
    }
}
