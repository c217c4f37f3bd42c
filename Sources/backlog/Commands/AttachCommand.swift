import ArgumentParser
import ErlangAttach
import Foundation

/// `backlog attach`: load the exporter into a running node with nothing deployed on it.
struct AttachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach",
        abstract: "Load the exporter into a running Erlang node and start it there.",
        discussion: """
            Reaches NODE (name@host) over Erlang distribution through a hidden node it starts \
            and stops, with the node's cookie read from --cookie-file (default ~/.erlang.cookie; \
            never from the command line). Ships the exporter's beam with code:load_binary: \
            compiled with erlc from the exporter's source, or the one given with --beam. An \
            exporter already running there is reported, not restarted. --stop stops and unloads it. \
            `backlog agent` does the same for the nodes in erlang_nodes: in backlog.yml, and again \
            after one restarts.
            """)

    @Argument(help: "The node: name@host, as it was started with -sname or -name.")
    var node: String

    @Option(name: .long, help: "A file holding the node's cookie (default ~/.erlang.cookie).")
    var cookieFile: String?

    @Option(name: .long, help: "Port for the exporter to listen on (default 9199; 0 picks a free one).")
    var port: Int?

    @Option(name: .long, help: "Address for the exporter to listen on (default 127.0.0.1: only this host can scrape it).")
    var bind: String?

    @Option(name: .customLong("option"), help: "Another exporter option as KEY=VALUE, such as top_k=50 (repeatable).")
    var extraOptions: [String] = []

    @Option(name: .long, help: "Ship this compiled backlog_exporter.beam instead of compiling the source.")
    var beam: String?

    @Flag(name: .long, help: "Stop the exporter on the node and unload it.")
    var stop = false

    func run() throws {
        do {
            let attacher = NodeAttacher(
                node: try ErlangNodeName(parsing: node), cookieFile: cookieFile, beam: beam, options: try exporterOptions(),
                executable: URL(fileURLWithPath: CommandLine.arguments[0]))
            if stop {
                let wasRunning = try attacher.stop()
                print(wasRunning ? "stopped the exporter on \(node) and unloaded it" : "the exporter was not running on \(node); its module is unloaded")
                return
            }
            switch try attacher.attach() {
            case .started(let port, let origin):
                print("the exporter runs on \(node), port \(port) (\(origin))")
            case .alreadyRunning(let port, let options):
                print("the exporter already runs on \(node)" + (port.map { ", port \($0)" } ?? "") + (options.map { ", options \($0)" } ?? "")
                    + "; left as it is (--stop first to restart it with other options)")
            }
        } catch {
            throw CommandFailure("backlog attach: \(error)")
        }
    }

    private func exporterOptions() throws(AttachError) -> ExporterOptions {
        var options = ExporterOptions()
        if let port { try options.set("port", "\(port)") }
        if let bind { try options.set("bind", bind) }
        for option in extraOptions {
            guard let equals = option.firstIndex(of: "=") else { throw .badOption(option) }
            try options.set(String(option[..<equals]), String(option[option.index(after: equals)...]))
        }
        return options
    }
}
