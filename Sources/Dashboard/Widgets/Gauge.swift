/// A horizontal bar filled in proportion to a 0…1 ratio, with an optional label after it
/// (`█████░░░░░ 52%`).
public struct Gauge: Widget, Sendable {
    public var ratio: Double
    public var label: String
    public var filledStyle: Style
    public var emptyStyle: Style
    public var symbols: Symbols

    public init(ratio: Double, label: String = "", filledStyle: Style = .plain, emptyStyle: Style = .plain,
                symbols: Symbols = .unicode) {
        self.ratio = ratio
        self.label = label
        self.filledStyle = filledStyle
        self.emptyStyle = emptyStyle
        self.symbols = symbols
    }

    public func draw(in area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let labelWidth = label.isEmpty ? 0 : min(area.width, DisplayWidth.of(label) + 1)
        let barWidth = area.width - labelWidth
        let clamped = ratio.isFinite ? min(1, max(0, ratio)) : 0
        let filled = Int((clamped * Double(barWidth)).rounded())
        for offset in 0..<barWidth {
            let filledCell = offset < filled
            buffer.set(filledCell ? symbols.gaugeFilled : symbols.gaugeEmpty, x: area.x + offset, y: area.y,
                       style: filledCell ? filledStyle : emptyStyle)
        }
        if labelWidth > 0 {
            let text = barWidth > 0 ? " " + label : label
            buffer.write(text, at: Position(x: area.x + barWidth, y: area.y), maxWidth: labelWidth)
        }
    }
}
