import Dashboard
import Foundation
import Synchronization
import TimeSeries

/// Draws a dashboard model until the user quits or a signal arrives: the loop `watch` runs over
/// local targets and over a `--source` alike, whatever keeps the model current.
final class DashboardLoop: Sendable {
    /// The model to draw now; `paused` shows in the header.
    let model: @Sendable (_ paused: Bool) -> DashboardModel
    private let stopRequested = Atomic(false)

    init(model: @escaping @Sendable (_ paused: Bool) -> DashboardModel) {
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
            let current = state.paused ? (frozen ?? model(true)) : model(false)
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
    func printReports(every interval: PromDuration) async {
        let signals = TerminationSignal()
        let reporter = Task { [model] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(interval.milliseconds))
                let report = PlainTextReport.render(model(false), width: 100, height: 30) + "\n"
                FileHandle.standardOutput.write(Data(report.utf8))
            }
        }
        _ = await signals.next()
        reporter.cancel()
    }
}
