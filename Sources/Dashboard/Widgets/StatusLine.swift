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
