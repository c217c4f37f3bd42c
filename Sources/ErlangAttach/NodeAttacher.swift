public import Foundation

/// Loads the exporter into a running Erlang node over distribution and starts it there, or stops
/// and unloads it, through a hidden node that lives only for the call.
public struct NodeAttacher: Sendable {
    public var node: ErlangNodeName
    /// The node's cookie; by default `~/.erlang.cookie`.
    public var cookieFile: String
    /// A compiled exporter to ship instead of compiling the source.
    public var beam: String?
    public var options: ExporterOptions
    /// This program, to find the exporter's source near it.
    public var executable: URL

    public init(node: ErlangNodeName, cookieFile: String? = nil, beam: String? = nil, options: ExporterOptions = ExporterOptions(), executable: URL) {
        self.node = node
        self.cookieFile = cookieFile ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".erlang.cookie").path
        self.beam = beam
        self.options = options
        self.executable = executable
    }

    /// What attaching did.
    public enum Outcome: Sendable, Equatable {
        /// Loaded and started; serving on `port`.
        case started(port: Int, beamOrigin: String)
        /// It was already running there (another agent of an HA pair, a release, an earlier attach).
        case alreadyRunning(port: Int?, options: String?)
    }

    /// Attaches: probes the node, then loads and starts the exporter unless it already runs.
    public func attach() throws(AttachError) -> Outcome {
        try withScratch { (hidden, folder) throws(AttachError) in
            let probe = try checked(hidden.run(.probe, node: node, beam: nil, options: options))
            if probe["running"] == "true" {
                return .alreadyRunning(port: probe["port"].flatMap { Int($0) }, options: probe["options"])
            }
            let beam = try ExporterBeam.prepare(given: self.beam, into: folder, executable: executable)
            if self.beam == nil, let local = probe["local_otp"].flatMap(OTPRelease.major), let remote = probe["node_otp"].flatMap(OTPRelease.major),
                !OTPRelease.canLoad(compiledBy: local, on: remote)
            {
                throw .otpTooOld(node: node.description, nodeRelease: remote, beamRelease: local)
            }
            let started = try checked(hidden.run(.start, node: node, beam: beam.path, options: options))
            if let port = started["started"].flatMap({ Int($0) }) { return .started(port: port, beamOrigin: beam.origin) }
            if started["running"] == "true" { return .alreadyRunning(port: started["port"].flatMap { Int($0) }, options: started["options"]) }
            if let reason = started["load_failed"] { throw .loadFailed(node: node.description, reason: reason) }
            throw .startFailed(node: node.description, reason: started["start_failed"] ?? "no answer")
        }
    }

    /// Stops the exporter and unloads its module; says whether it was running.
    public func stop() throws(AttachError) -> Bool {
        try withScratch { (hidden, _) throws(AttachError) in
            let probe = try checked(hidden.run(.probe, node: node, beam: nil, options: options))
            if probe["application"] == "true" { throw .ownedByApplication(node: node.description) }
            let stopped = try checked(hidden.run(.stop, node: node, beam: nil, options: options))
            return stopped["stopped"] == "true"
        }
    }

    /// Turns what the hidden node found about the connection into an error, if it failed.
    private func checked(_ facts: HiddenNode.Facts) throws(AttachError) -> HiddenNode.Facts {
        if let host = facts["unreachable"] { throw .hostUnreachable(node: node.description, host: host) }
        if let known = facts["unknown"] {
            throw .unknownNode(node: node.description, known: known.split(separator: ",").map { "\($0)@\(node.host)" })
        }
        if facts["refused"] != nil { throw .connectionRefused(node: node.description, cookieFile: cookieFile) }
        return facts
    }

    private func withScratch<Value>(_ body: (HiddenNode, String) throws(AttachError) -> Value) throws(AttachError) -> Value {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backlog-attach-\(UUID().uuidString)").path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .hiddenNodeFailed(output: "cannot make \(folder): \(error)")
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return try body(try HiddenNode.prepare(in: folder, cookieFile: cookieFile), folder)
    }
}
