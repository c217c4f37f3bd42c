/// A key press, decoded from the bytes a terminal sends.
public enum Key: Hashable, Sendable {
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, tab, backTab, delete
    /// A printable character, `/` and `?` included.
    case character(Character)
    /// Ctrl plus a letter (lowercase), for those without a case of their own: `.control("c")` is Ctrl-C.
    case control(Character)

    /// Ctrl-C, which quits from anywhere (raw mode turns it into a key instead of SIGINT).
    public static let interrupt = Key.control("c")
}
