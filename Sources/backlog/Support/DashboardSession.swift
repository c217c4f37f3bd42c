import Agent
import Dashboard
import DashboardFeed
import Foundation
import Logging
import Synchronization
import TimeSeries

/// Runs an agent in-process and draws the dashboard over it until the user quits or a signal arrives.
final class DashboardSession: Sendable {
    let config: AgentConfig
    let recent: Mutex<RecentFleet>
    let runtime: AgentRuntime
    /// Extra rows for the alerts panel, from stages the caller adds (such as the demo's webhook sink).
    let alertRows: @Sendable () -> [AlertRow]

    /// No screen even on a terminal (the demo's `--headless`): run until a signal.
    let headless: Bool

    /// - Parameter alertRows: what the alerts panel shows; the agent's own pending and firing alerts when nil.
    init(config: AgentConfig, alertRows: (@Sendable () -> [AlertRow])? = nil, headless: Bool = false) {
        self.config = config
        self.headless = headless
        recent = Mutex(RecentFleet(metrics: config.backlogMetrics))
        let logPath = config.historyPath + ".log"
        let logger = Logger(label: "backlog.watch") { label in
            LineLogHandler(label: label, format: .logfmt, level: .info, write: FileLog(path: logPath).write)
        }
        let runtime = AgentRuntime(config: config, logger: logger)
        self.runtime = runtime
        self.alertRows = alertRows ?? { AlertRows.from(runtime.alertsSnapshot) }
    }

    func run() async throws {
        runtime.observeCycles { [self] cycle in recent.withLock { $0.absorb(cycle) } }
        runtime.start()
        defer { runtime.stop() }
        if headless {
            _ = await TerminationSignal().next()
        } else if TerminalSession.isTerminal(STDOUT_FILENO) && TerminalSession.isTerminal(STDIN_FILENO) {
            try drawUntilQuit()
        } else {
            await printReports()
        }
    }

    func model(paused: Bool, openProcess: ProcessIdentity? = nil) -> DashboardModel {
        let snapshot = recent.withLock { $0 }
        return DashboardModelBuilder.model(recent: snapshot, interval: config.scrape.interval, alerts: alertRows(), paused: paused,
                                           openProcess: openProcess)
    }

    /// The full-screen loop: keys in, frames out, one diff per frame.
    func drawUntilQuit() throws {
        try DashboardLoop(model: model(paused:openProcess:)).drawUntilQuit()
    }

    /// Not a terminal: a plain report every interval, until SIGINT or SIGTERM.
    func printReports() async {
        await DashboardLoop(model: model(paused:openProcess:)).printReports(every: config.scrape.interval)
    }
}

/// Appends log lines to a file, so logs never draw over the dashboard.
struct FileLog: Sendable {
    let path: String

    var write: @Sendable (String) -> Void {
        let path = path
        return { line in
            guard let handle = FileHandle(forWritingAtPath: path) ?? Self.create(path) else { return }
            handle.seekToEndOfFile()
            handle.write(Data(line.utf8))
            try? handle.close()
        }
    }

    static func create(_ path: String) -> FileHandle? {
        // A failed create shows as a nil handle below.
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        return FileHandle(forWritingAtPath: path)
    }
}
