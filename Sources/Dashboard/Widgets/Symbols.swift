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
