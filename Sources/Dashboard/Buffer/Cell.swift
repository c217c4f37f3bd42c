/// One terminal cell: a character (a whole grapheme cluster) and its style.
public struct Cell: Hashable, Sendable {
    public var character: Character
    public var style: Style
    /// The right half of a wide character: the cell to its left draws it, so renderers skip this one.
    public var isWideContinuation: Bool

    public init(_ character: Character = " ", style: Style = .plain) {
        self.character = character
        self.style = style
        isWideContinuation = false
    }

    /// A space in the default style, as a cleared screen holds.
    public static let blank = Cell()

    static func continuation(style: Style) -> Cell {
        var cell = Cell(" ", style: style)
        cell.isWideContinuation = true
        return cell
    }
}

/// How a cell is drawn: colors plus attributes.
public struct Style: Hashable, Sendable {
    public var foreground: Color
    public var background: Color
    public var attributes: TextAttributes

    public init(
        foreground: Color = .terminalDefault,
        background: Color = .terminalDefault,
        attributes: TextAttributes = []
    ) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The terminal's default look: what a cleared screen shows.
    public static let plain = Style()

    /// This style with `extra` attributes added.
    public func adding(_ extra: TextAttributes) -> Style {
        var copy = self
        copy.attributes.formUnion(extra)
        return copy
    }

    /// This style with both colors reset, as `NO_COLOR` output draws it.
    public var withoutColors: Style { Style(attributes: attributes) }
}

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

/// Text attributes that do not depend on color, so highlighting still works under `NO_COLOR`.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let dim = TextAttributes(rawValue: 1 << 1)
    public static let reverse = TextAttributes(rawValue: 1 << 2)
    public static let underline = TextAttributes(rawValue: 1 << 3)
}
