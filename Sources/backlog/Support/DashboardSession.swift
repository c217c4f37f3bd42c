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
    let stopRequested = Atomic(false)
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

    func model(paused: Bool) -> DashboardModel {
        let snapshot = recent.withLock { $0 }
        return DashboardModelBuilder.model(recent: snapshot, interval: config.scrape.interval, alerts: alertRows(), paused: paused)
    }

    /// The full-screen loop: keys in, frames out, one diff per frame.
    func drawUntilQuit() throws {
        let terminal: TerminalSession
        do { terminal = try TerminalSession() } catch { throw CommandFailure("cannot use the terminal: \(error)") }
        defer { terminal.restore() }
        let signals = TerminationSignal()
        Task { [self] in
            _ = await signals.next()
            stopRequested.store(true, ordering: .relaxed)
        }
        var state = DashboardState()
        var renderer = FrameRenderer()
        let appearance = Appearance.fromEnvironment()
        var frozen: DashboardModel?
        while !stopRequested.load(ordering: .relaxed) {
            let size = (try? terminal.size()) ?? TerminalSize(columns: 80, rows: 24)
            let current = state.paused ? (frozen ?? model(paused: true)) : model(paused: false)
            frozen = state.paused ? current : nil
            let screen = DashboardScreen(model: current, state: state, appearance: appearance)
            let bytes = renderer.render(screen.render(width: size.columns, height: size.rows))
            if !bytes.isEmpty { try? terminal.write(bytes) }
            let events = (try? terminal.readEvents(timeoutMilliseconds: 250)) ?? [.inputClosed]
            for event in events {
                switch event {
                case .key(let key):
                    let (next, effects) = DashboardState.reduce(state, key, context: screen.selectionContext(width: size.columns, height: size.rows))
                    state = next
                    if effects.contains(.quit) { return }
                    if effects.contains(.redraw) { renderer.invalidate() }
                case .resize: renderer.invalidate()
                case .inputClosed: return
                }
            }
        }
    }

    /// Not a terminal: a plain report every interval, until SIGINT or SIGTERM.
    func printReports() async {
        let signals = TerminationSignal()
        let interval = config.scrape.interval
        let reporter = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(interval.milliseconds))
                let report = PlainTextReport.render(model(paused: false), width: 100, height: 30) + "\n"
                FileHandle.standardOutput.write(Data(report.utf8))
            }
        }
        _ = await signals.next()
        reporter.cancel()
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
