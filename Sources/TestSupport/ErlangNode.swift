import Foundation

/// A real `erl -noshell` node for tests and benchmarks, with Backlog's exporter loaded.
///
/// Starting one compiles the exporter (once per process, see `ExporterBeams`), boots `erl`
/// with a control module that evaluates expressions read from stdin, runs the setup
/// expressions, starts the exporter on a free port and waits until `/metrics` answers 200.
/// The node halts when `stop()` is called, when the object is released, or when the test
/// process exits in any way (its stdin closes), so no `erl` outlives a test.
public final class ErlangNode: Sendable {
    public typealias Configuration = ErlangNodeConfiguration

    private let channel: ControlChannel

    /// `node()`: `name@host` with a `shortName`, otherwise `nonode@nohost`.
    public let nodeName: String
    /// The node's cookie (random per node); `connect(to:)` hands it to the other side.
    public let cookie: String
    /// `erlang:system_info(otp_release)`, e.g. `"25"`.
    public let otpRelease: String
    /// The port the exporter listens on (127.0.0.1 unless the options bind elsewhere); 0 when
    /// the configuration starts no exporter.
    public let exporterPort: Int

    /// Boots a node as configured; on any failure the node is already gone when this throws.
    public init(_ configuration: Configuration = Configuration()) throws(ErlangNodeError) {
        let beams = try ExporterBeams.directory()
        let cookie = "backlog\(UInt64.random(in: 1...UInt64.max))"
        self.cookie = cookie
        channel = try ControlChannel(
            erlArguments: configuration.erlArguments(beams: beams, cookie: cookie),
            timeout: configuration.startTimeout)
        nodeName = channel.node
        otpRelease = channel.otpRelease
        do {
            for expression in configuration.setup {
                _ = try channel.eval(expression, timeout: configuration.startTimeout)
            }
            exporterPort = try Self.startExporter(on: channel, configuration)
        } catch {
            channel.stop()
            throw error
        }
    }

    deinit { channel.stop() }

    /// `http://127.0.0.1:PORT/metrics`.
    public var metricsURL: String { "http://127.0.0.1:\(exporterPort)/metrics" }

    /// Evaluates an Erlang expression on the node and returns its value as Erlang prints it
    /// on one line (`~0tp`), e.g. `eval("l(backlog_exporter)")` → `{module,backlog_exporter}`.
    /// Variables bound by one call stay bound for the next. A timeout stops the node.
    @discardableResult
    public func eval(_ erlangExpression: String, timeout: Duration = .seconds(30)) throws(ErlangNodeError) -> String {
        try channel.eval(erlangExpression, timeout: timeout)
    }

    /// Connects this node to `peer` over Erlang distribution (both started with a
    /// `shortName`): tells this node the peer's port and cookie, then connects.
    public func connect(to peer: ErlangNode) throws(ErlangNodeError) {
        let port = try peer.eval("backlog_test_control:dist_port()")
        let name = peer.nodeName.prefix { $0 != "@" }
        try eval("backlog_test_control:add_peer('\(name)', \(port))")
        try eval("erlang:set_cookie('\(peer.nodeName)', '\(peer.cookie)')")
        let expression = "net_kernel:connect_node('\(peer.nodeName)')"
        let connected = try eval(expression)
        guard connected == "true" else { throw .evalFailed(expression: expression, reason: connected) }
    }

    /// The operating system's id of the node's process (`os:getpid()`), e.g. for SIGSTOP.
    public func osProcessID() throws(ErlangNodeError) -> Int32 {
        let reply = try eval("list_to_integer(os:getpid())")
        guard let pid = Int32(reply) else { throw .evalFailed(expression: "os:getpid()", reason: reply) }
        return pid
    }

    /// Halts the node and waits until it has exited; safe to call more than once.
    public func stop() {
        channel.stop()
    }

    /// The last lines the node printed outside the control channel (logger reports, crashes).
    public var recentOutput: String { channel.recentOutput }

    private static func startExporter(on channel: ControlChannel, _ configuration: Configuration)
        throws(ErlangNodeError) -> Int
    {
        guard let options = configuration.exporterStartMap else { return 0 }
        let started = try channel.eval("backlog_exporter:start(\(options))", timeout: configuration.startTimeout)
        guard started.hasPrefix("{ok,") else { throw .exporterUnavailable("start returned \(started)") }
        let reply = try channel.eval("backlog_exporter:port()", timeout: configuration.startTimeout)
        guard let port = Int(reply.dropFirst("{ok,".count).dropLast()) else {
            throw .exporterUnavailable("port() returned \(reply)")
        }
        try waitUntilServing(port: port, timeout: configuration.startTimeout)
        return port
    }

    /// Polls `/metrics` until it answers 200 (the first scan is in the cache).
    private static func waitUntilServing(port: Int, timeout: Duration) throws(ErlangNodeError) {
        let deadline = Date().addingTimeInterval(timeout.seconds)
        var last = "no answer"
        while Date() < deadline {
            do {
                let response = try LoopbackConnection.get(port: port, timeout: .seconds(2))
                if response.status == 200 { return }
                last = "HTTP \(response.status)"
            } catch {
                last = error.description
            }
            usleep(20_000)
        }
        throw .exporterUnavailable("127.0.0.1:\(port)/metrics: \(last)")
    }
}
