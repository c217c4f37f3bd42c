import Foundation
import Glibc

/// A real terminal for tests: a detached tmux session whose screen can be typed into and read.
public final class TmuxPane: Sendable {
    public let session: String
    /// A tmux server of this pane's own, so tests never touch a user's tmux or each other's.
    let socket: String

    /// Starts `bash --norc` in a new detached session of the given size.
    public init(columns: Int = 140, rows: Int = 45, environment: [String: String] = [:]) throws {
        session = "backlog-test-\(UUID().uuidString.prefix(8))"
        socket = session
        var env = ["PATH": "/usr/local/bin:/usr/bin:/bin", "TERM": "xterm-256color", "HOME": NSTemporaryDirectory(), "PS1": "$ ",
                   "LANG": "C.UTF-8"]
        env.merge(environment) { _, new in new }
        let assignments = env.map { "\($0.key)=\($0.value)" }
        // new-session forks the tmux server; Foundation's Process never saw such a client exit, so
        // this one command goes through system(3), which waits for it plainly.
        try Self.system(["/usr/bin/tmux", "-L", socket, "new-session", "-d", "-s", session, "-x", "\(columns)", "-y", "\(rows)",
                         "env", "-i"] + assignments + ["bash", "--norc", "--noprofile"])
    }

    deinit { try? Self.system(["/usr/bin/tmux", "-L", socket, "kill-server"]) }

    /// Runs a command through the shell, each argument single-quoted, and waits for it.
    static func system(_ arguments: [String]) throws {
        let command = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let status = Glibc.system(command + " </dev/null >/dev/null 2>&1")
        guard status == 0 else { throw TmuxError(message: "\(arguments.prefix(4).joined(separator: " ")) failed (status \(status))") }
    }

    /// Types text; `enter` presses Enter after it.
    public func type(_ text: String, enter: Bool = false) throws {
        try tmux(["send-keys", "-t", session, "-l", text])
        if enter { try press("Enter") }
    }

    /// Presses a named key (`Enter`, `Escape`, `Tab`, `Down`, `C-c`…).
    public func press(_ key: String) throws { try tmux(["send-keys", "-t", session, key]) }

    /// The visible screen as text.
    public func screen() throws -> String { try tmux(["capture-pane", "-t", session, "-p"]) }

    /// Waits until the screen satisfies `condition`; returns the screen then, or throws with the last screen.
    @discardableResult
    public func waitFor(_ description: String, timeout: Duration = .seconds(20), _ condition: (String) -> Bool) throws -> String {
        let deadline = ContinuousClock.now + timeout
        var last = ""
        while ContinuousClock.now < deadline {
            last = try screen()
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.2)
        }
        throw TmuxError(message: "timed out waiting for \(description); the screen was:\n\(last)")
    }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tmux")
        process.arguments = ["-L", socket] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TmuxError(message: "tmux \(arguments.prefix(2).joined(separator: " ")) failed (status \(process.terminationStatus))")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Whether tmux is installed.
    public static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }
}

/// A tmux step that failed, with what the screen showed.
public struct TmuxError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
