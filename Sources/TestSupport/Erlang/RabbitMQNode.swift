import Foundation

/// A real RabbitMQ broker (Debian's `rabbitmq-server`) run as the `rabbitmq` user, with a node
/// name, data and log folders and ports of its own and no plugins, so it never meets the
/// machine's own broker. There is no systemd: the server script runs in the foreground.
///
/// Its cookie is the `rabbitmq` user's, `/var/lib/rabbitmq/.erlang.cookie` (made on first start).
public final class RabbitMQNode: Sendable {
    public static let serverScript = "/usr/lib/rabbitmq/bin/rabbitmq-server"
    public static let controlScript = "/usr/lib/rabbitmq/bin/rabbitmqctl"
    public static let home = "/var/lib/rabbitmq"

    /// Installed, and this process may run it as the `rabbitmq` user (as root).
    public static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: serverScript) && getuid() == 0
            && (try? ToolRun.run("id", ["-u", "rabbitmq"], in: "/").status) == 0
    }

    /// `backlogtest<random>@<short host>`.
    public let name: String
    public let cookieFile = RabbitMQNode.home + "/.erlang.cookie"
    /// Data, logs and the pid file.
    public let directory: String
    private let child = ChildProcess()

    private init(name: String, directory: String) {
        self.name = name
        self.directory = directory
    }

    /// Starts a broker and waits (generously: it boots in seconds to a minute) until it runs.
    public static func start() async throws -> RabbitMQNode {
        let host = try ToolRun.run("hostname", ["-s"], in: "/").output.trimmingCharacters(in: .whitespacesAndNewlines)
        let short = "backlogtest\(UInt32.random(in: 0...UInt32.max))"
        let directory = NSTemporaryDirectory() + "backlog-\(short)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "[].\n".write(toFile: directory + "/enabled_plugins", atomically: true, encoding: .utf8)
        // The broker writes here as the rabbitmq user.
        _ = try ToolRun.run("chown", ["-R", "rabbitmq:rabbitmq", directory], in: "/")
        let node = RabbitMQNode(name: "\(short)@\(host)", directory: directory)
        let environment = [
            "RABBITMQ_NODENAME": node.name,
            "RABBITMQ_MNESIA_BASE": directory + "/mnesia",
            "RABBITMQ_LOG_BASE": directory + "/log",
            "RABBITMQ_PID_FILE": directory + "/pid",
            "RABBITMQ_ENABLED_PLUGINS_FILE": directory + "/enabled_plugins",
            "RABBITMQ_CONFIG_FILE": directory + "/rabbitmq",
            "RABBITMQ_NODE_PORT": "\(LoopbackPort.unused())",
            "RABBITMQ_DIST_PORT": "\(LoopbackPort.unused())",
            // The script then execs the VM instead of waiting for it in a shell: that wait needs
            // SIGCHLD, which a child of the test runner inherits blocked, so it would never end.
            "RUNNING_UNDER_SYSTEMD": "true",
        ]
        let process = ToolRun.process("runuser", ["-u", "rabbitmq", "--", "env", "HOME=\(home)"]
            + environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" } + [serverScript], in: directory, environment: [:])
        let log = directory + "/server.out"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: log)
        process.standardError = process.standardOutput
        try node.child.run(process)
        do {
            try await waitUntil("RabbitMQ \(node.name) has booted", timeout: .seconds(120), pollEvery: .milliseconds(500)) {
                guard node.child.isRunning else { throw RabbitMQFailed(output: node.serverOutput) }
                return try node.control(["await_startup", "--timeout", "5"]).status == 0
            }
        } catch {
            node.stop()
            throw error
        }
        return node
    }

    /// What the server script printed, for a failure message.
    public var serverOutput: String { (try? String(contentsOfFile: directory + "/server.out", encoding: .utf8)) ?? "" }

    /// `rabbitmqctl -n NODE …` as the rabbitmq user, with its cookie.
    public func control(_ arguments: [String]) throws -> ToolRun {
        try ToolRun.run("runuser", ["-u", "rabbitmq", "--", "env", "HOME=\(Self.home)", Self.controlScript, "-n", name] + arguments, in: "/")
    }

    /// Stops the broker (`rabbitmqctl stop`; the VM killed if that fails or hangs) and removes its folder.
    public func stop() {
        if child.isRunning {
            let stopped = (try? control(["stop"]))?.status == 0
            if !stopped || !waitUntil(timeout: 60, pollEvery: 0.1, { !child.isRunning }) {
                if let text = try? String(contentsOfFile: directory + "/pid", encoding: .utf8),
                    let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
                {
                    kill(pid, SIGKILL)
                }
                child.kill()
            }
        }
        child.waitUntilExit()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Whether the broker's VM still runs.
    public var isRunning: Bool { child.isRunning }
}

/// RabbitMQ's server script ended before the broker booted.
public struct RabbitMQFailed: Error, CustomStringConvertible {
    public var output: String
    public var description: String { "rabbitmq-server exited while booting: \(output.suffix(2000))" }
}
