import Foundation

/// A real Alertmanager (Debian's `prometheus-alertmanager`) on loopback, alone or one peer of a
/// cluster, with its config and storage in a folder of its own.
///
/// Its web port is chosen at `init`, so a test can name it in an agent's config before starting
/// it; a cluster's peers are given each other's `clusterPort`s.
public final class AlertmanagerProcess: @unchecked Sendable {
    public static let binary = "/usr/bin/prometheus-alertmanager"

    /// Whether Alertmanager is installed (scripts/install-deps installs it).
    public static var available: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    public let port: Int
    /// The gossip port (TCP and UDP) when clustered.
    public let clusterPort: Int
    public let directory: String
    private let child = ChildProcess()

    public init(directory: String) throws {
        port = LoopbackPort.unused()
        clusterPort = LoopbackPort.unused()
        self.directory = directory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// `http://127.0.0.1:PORT`.
    public var url: String { "http://127.0.0.1:\(port)" }

    /// Starts it with `config` (alertmanager.yml text) and, given `peers` (other processes'
    /// cluster ports), as a cluster member; returns once it answers `/-/ready`.
    ///
    /// `peerTimeout` is how long each peer waits for the ones ahead of it to notify: the second
    /// of two sends a notification the first did not log within that time.
    public func start(config: String, peers: [Int]? = nil, peerTimeout: Duration = .seconds(2)) async throws {
        try config.write(toFile: "\(directory)/alertmanager.yml", atomically: true, encoding: .utf8)
        var arguments = [
            "--web.listen-address=127.0.0.1:\(port)", "--storage.path=\(directory)/data",
            "--config.file=\(directory)/alertmanager.yml", "--log.level=warn",
        ]
        if let peers {
            arguments += [
                "--cluster.listen-address=127.0.0.1:\(clusterPort)", "--cluster.advertise-address=127.0.0.1:\(clusterPort)",
                "--cluster.peer-timeout=\(peerTimeout.components.seconds * 1000 + peerTimeout.components.attoseconds / 1_000_000_000_000_000)ms",
            ] + peers.map { "--cluster.peer=127.0.0.1:\($0)" }
        } else {
            arguments.append("--cluster.listen-address=")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        let log = "\(directory)/alertmanager.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = FileHandle.nullDevice
        try child.run(process)
        try await waitUntil("Alertmanager on \(port) is ready (or exits: \(self.logTail))", timeout: .seconds(60)) {
            guard process.isRunning else { throw AlertmanagerProcessError.exited(port: port, log: logTail) }
            return (try? LoopbackConnection.get(port: port, path: "/-/ready", timeout: .seconds(2)).status) == 200
        }
    }

    /// The last lines it logged.
    public var logTail: String {
        let text = (try? String(contentsOfFile: "\(directory)/alertmanager.log", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(5).joined(separator: "\n")
    }

    /// The cluster as `/api/v2/status` shows it: the status (`ready`, `settling`, `disabled`),
    /// this peer's name and every peer's name. Nil while it does not answer.
    public func cluster() -> (status: String, name: String, peers: [String])? {
        guard let object = json("/api/v2/status") as? [String: Any], let cluster = object["cluster"] as? [String: Any] else { return nil }
        let peers = (cluster["peers"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        return (cluster["status"] as? String ?? "", cluster["name"] as? String ?? "", peers)
    }

    /// Where this peer stands in the cluster's notification order: 0 notifies first, 1 waits one
    /// `peerTimeout` for it, and so on (Alertmanager sorts the peers it sees by name).
    public func position() -> Int? {
        guard let cluster = cluster() else { return nil }
        return cluster.peers.sorted().firstIndex(of: cluster.name)
    }

    /// The alerts it holds (`/api/v2/alerts`), as JSON objects.
    public func alerts() -> [[String: Any]] { json("/api/v2/alerts") as? [[String: Any]] ?? [] }

    /// The value of one series on its `/metrics` (`name` with its labels as printed), or nil.
    public func figure(_ series: String) -> Double? {
        guard let text = try? LoopbackConnection.get(port: port, path: "/metrics", timeout: .seconds(5)).text else { return nil }
        return text.split(separator: "\n").first { $0.hasPrefix(series + " ") }.flatMap { Double($0.split(separator: " ").last!) }
    }

    private func json(_ path: String) -> Any? {
        guard let response = try? LoopbackConnection.get(port: port, path: path, timeout: .seconds(5)), response.status == 200 else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(response.body))
    }

    /// `kill -9`: gone at once, nothing flushed or said goodbye to its peers.
    public func kill() { child.kill() }

    /// SIGTERM, and waits until it exited. Safe to call more than once.
    public func stop() { child.stop() }

    deinit { stop() }
}

/// An Alertmanager exited before it answered.
public enum AlertmanagerProcessError: Error, CustomStringConvertible {
    case exited(port: Int, log: String)

    public var description: String {
        switch self {
        case .exited(let port, let log): "Alertmanager on 127.0.0.1:\(port) exited before it was ready: \(log)"
        }
    }
}
