/// Something that draws itself into a rectangle of a buffer and nowhere else; never touches the terminal.
public protocol Widget {
    func draw(in area: Rect, into buffer: inout Buffer)
}

/// One full-width row with text at the left and at the right, such as the header and the key
/// hints. When both do not fit, the right side gives way.
public struct StatusLine: Widget, Sendable {
    public var left: String
    public var right: String
    public var style: Style
    public var ellipsis: String

    public init(left: String, right: String = "", style: Style = .plain, ellipsis: String = "…") {
        self.left = left
        self.right = right
        self.style = style
        self.ellipsis = ellipsis
    }

    public func draw(in area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buffer.fill(row, with: Cell(" ", style: style))
        let leftText = TextFitting.truncated(left, toWidth: row.width, ellipsis: ellipsis)
        let used = buffer.write(leftText, at: Position(x: row.x, y: row.y), style: style, maxWidth: row.width)
        let rightWidth = DisplayWidth.of(right)
        // The right text needs a gap of one cell after the left; otherwise it is left out.
        if !right.isEmpty, used + 1 + rightWidth <= row.width {
            buffer.write(right, at: Position(x: row.maxX - rightWidth, y: row.y), style: style)
        }
    }
}

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
