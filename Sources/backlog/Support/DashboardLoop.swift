import Dashboard
import DashboardFeed
import Foundation
import Synchronization
import TimeSeries

/// Draws a dashboard model until the user quits or a signal arrives: the loop `watch` runs over
/// local targets and over a `--source` alike, whatever keeps the model current. While the
/// process view is open, it asks the process's node for its evidence.
final class DashboardLoop: Sendable {
    /// The model to draw now; `paused` shows in the header, and the process view's process, when
    /// open, gets its queue over the window held.
    let model: @Sendable (_ paused: Bool, _ openProcess: ProcessIdentity?) -> DashboardModel
    private let evidence = ProcessEvidenceFeed()
    private let stopRequested = Atomic(false)

    init(model: @escaping @Sendable (_ paused: Bool, _ openProcess: ProcessIdentity?) -> DashboardModel) {
        self.model = model
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
            var current = state.paused ? (frozen ?? frame(paused: true, state: state)) : frame(paused: false, state: state)
            frozen = state.paused ? current : nil
            if case .process(let process, _) = state.mode, current.openProcess?.process.isSameProcess(as: process) != true {
                // Paused on another view: the frozen model has no queue for this process.
                current.openProcess = OpenProcess(process: process)
                current.openProcess?.evidence = evidence.evidence(for: process, growthPerSecond: nil)
            }
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

    /// The model for one frame, with the evidence about the open process as far as its node has answered.
    private func frame(paused: Bool, state: DashboardState) -> DashboardModel {
        guard case .process(let process, _) = state.mode else { return model(paused, nil) }
        var current = model(paused, process)
        let row = current.processes.first { $0.process.isSameProcess(as: process) }
        let open = current.openProcess?.process ?? process
        current.openProcess?.evidence = evidence.evidence(for: open, growthPerSecond: row?.growthPerSecond)
        return current
    }

    /// Not a terminal: a plain report every interval, until SIGINT or SIGTERM.
    func printReports(every interval: PromDuration) async {
        let signals = TerminationSignal()
        let reporter = Task { [model] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(interval.milliseconds))
                let report = PlainTextReport.render(model(false, nil), width: 100, height: 30) + "\n"
                FileHandle.standardOutput.write(Data(report.utf8))
            }
        }
        _ = await signals.next()
        reporter.cancel()
    }
}
