/// Something that happened at the terminal while the dashboard waited.
public enum TerminalEvent: Hashable, Sendable {
    case key(Key)
    /// The window changed size (SIGWINCH); the next frame must be a full redraw at this size.
    case resize(TerminalSize)
    /// The input reached end of file (the terminal hung up): time to quit.
    case inputClosed
}
