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
