/// What a key asks of the program around the reducer, beyond the new state.
public enum DashboardEffect: Hashable, Sendable {
    /// Leave the dashboard (restore the terminal and exit).
    case quit
    /// Redraw the whole screen, in case something else drew on it.
    case redraw
}
