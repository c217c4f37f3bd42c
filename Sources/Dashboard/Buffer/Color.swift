/// A cell's foreground or background color, from the terminal's default to 24-bit RGB.
public enum Color: Hashable, Sendable {
    /// Whatever the terminal draws when no color is set; the only color `NO_COLOR` output uses.
    case terminalDefault
    /// One of the 16 palette colors (0–7 normal, 8–15 bright), which follow the user's terminal theme.
    case ansi(UInt8)
    /// One of the 256 indexed colors.
    case indexed(UInt8)
    /// A 24-bit color, for terminals that support it.
    case rgb(UInt8, UInt8, UInt8)

    public static let black = Color.ansi(0)
    public static let red = Color.ansi(1)
    public static let green = Color.ansi(2)
    public static let yellow = Color.ansi(3)
    public static let blue = Color.ansi(4)
    public static let magenta = Color.ansi(5)
    public static let cyan = Color.ansi(6)
    public static let white = Color.ansi(7)
    public static let gray = Color.ansi(8)
    public static let brightRed = Color.ansi(9)
    public static let brightGreen = Color.ansi(10)
    public static let brightYellow = Color.ansi(11)
    public static let brightBlue = Color.ansi(12)
    public static let brightMagenta = Color.ansi(13)
    public static let brightCyan = Color.ansi(14)
    public static let brightWhite = Color.ansi(15)
}
