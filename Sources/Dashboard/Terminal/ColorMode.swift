#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether output may carry color codes.
public enum ColorMode: Hashable, Sendable {
    case color
    /// Colors dropped (https://no-color.org); bold, dim, reverse and underline are still sent,
    /// since highlighting by attribute is not color.
    case noColor

    /// `.noColor` when the `NO_COLOR` environment variable is set to anything, `.color` otherwise.
    public static func fromEnvironment() -> ColorMode {
        getenv("NO_COLOR") == nil ? .color : .noColor
    }

    /// `style` as this mode draws it.
    public func effective(_ style: Style) -> Style {
        self == .color ? style : style.withoutColors
    }
}
