#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A theme plus a symbol set: everything about how views look that is not layout.
public struct Appearance: Hashable, Sendable {
    public var theme: Theme
    public var symbols: Symbols

    public init(theme: Theme = .standard, symbols: Symbols = .unicode) {
        self.theme = theme
        self.symbols = symbols
    }

    public static let standard = Appearance()
    /// No color and ASCII only: for `NO_COLOR` on a terminal that is not UTF-8, and for tests.
    public static let plain = Appearance(theme: .monochrome, symbols: .ascii)

    /// Monochrome under `NO_COLOR`; ASCII symbols unless the locale (`LC_ALL`, `LC_CTYPE`, `LANG`,
    /// first one set) says UTF-8.
    public static func fromEnvironment() -> Appearance {
        let theme: Theme = ColorMode.fromEnvironment() == .noColor ? .monochrome : .standard
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { name -> String? in
            guard let value = getenv(name) else { return nil }
            let text = String(cString: value)
            return text.isEmpty ? nil : text
        }.first ?? ""
        let utf8 = locale.lowercased().contains("utf-8") || locale.lowercased().contains("utf8")
        return Appearance(theme: theme, symbols: utf8 ? .unicode : .ascii)
    }
}

/// The styles views draw with. `monochrome` carries every meaning through attributes (bold,
/// reverse, underline) and text markers, so nothing is lost under `NO_COLOR`.
public struct Theme: Hashable, Sendable {
    public var headerBar: Style
    public var title: Style
    public var border: Style
    public var tableHeader: Style
    public var selected: Style
    /// Something over a limit or down: the cells a reader should look at first.
    public var problem: Style
    public var warning: Style
    public var good: Style
    public var muted: Style
    public var sparkline: Style
    /// One style per chart series, in order (cycled when there are more series).
    public var series: [Style]

    public static let standard = Theme(
        headerBar: Style(foreground: .black, background: .cyan),
        title: Style(foreground: .cyan, attributes: .bold),
        border: Style(foreground: .gray),
        tableHeader: Style(attributes: [.bold, .underline]),
        selected: Style(attributes: .reverse),
        problem: Style(foreground: .brightRed, attributes: .bold),
        warning: Style(foreground: .yellow),
        good: Style(foreground: .green),
        muted: Style(foreground: .gray),
        sparkline: Style(foreground: .cyan),
        series: [.cyan, .yellow, .magenta, .green, .brightBlue, .brightRed, .white, .brightGreen].map { Style(foreground: $0) }
    )

    public static let monochrome = Theme(
        headerBar: Style(attributes: .reverse),
        title: Style(attributes: .bold),
        border: .plain,
        tableHeader: Style(attributes: [.bold, .underline]),
        selected: Style(attributes: .reverse),
        problem: Style(attributes: .bold),
        warning: .plain,
        good: .plain,
        muted: Style(attributes: .dim),
        sparkline: .plain,
        series: [.plain]
    )

    /// The style for chart series `index`.
    public func seriesStyle(_ index: Int) -> Style {
        series.isEmpty ? .plain : series[index % series.count]
    }
}

/// The characters widgets draw with, switchable between Unicode and plain ASCII (for terminals
/// or pipes that are not UTF-8).
public struct Symbols: Hashable, Sendable {
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    /// The y axis where a tick label points at it.
    public var axisTick: Character
    /// The x axis where a time label sits under it.
    public var axisTickBelow: Character
    /// Sparkline levels, lowest first.
    public var sparkline: [Character]
    public var ellipsis: String
    /// One marker per chart series, so series stay apart without color.
    public var seriesMarkers: [Character]
    public var gaugeFilled: Character
    public var gaugeEmpty: Character

    public static let unicode = Symbols(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        axisTick: "┤", axisTickBelow: "┬", sparkline: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], ellipsis: "…",
        seriesMarkers: ["•", "+", "x", "o", "*", "#", "%", "@"], gaugeFilled: "█", gaugeEmpty: "░"
    )

    public static let ascii = Symbols(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        axisTick: "+", axisTickBelow: "+", sparkline: ["_", ".", ":", "-", "=", "+", "*", "#"], ellipsis: "~",
        seriesMarkers: ["*", "+", "x", "o", "#", "%", "@", "="], gaugeFilled: "#", gaugeEmpty: "."
    )
}
