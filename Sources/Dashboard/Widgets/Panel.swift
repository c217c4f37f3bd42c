/// A titled frame around other widgets: a full box, or only a top rule (which costs one row
/// instead of two on a crowded screen).
public struct Panel: Sendable {
    /// Which edges the panel draws.
    public enum Borders: Hashable, Sendable {
        case all
        /// A title rule across the top, `─ Title ─────`, and nothing else.
        case top
    }

    public var title: String
    public var borders: Borders
    public var borderStyle: Style
    public var titleStyle: Style
    public var symbols: Symbols

    public init(title: String = "", borders: Borders = .all, borderStyle: Style = .plain,
                titleStyle: Style = Style(attributes: .bold), symbols: Symbols = .unicode) {
        self.title = title
        self.borders = borders
        self.borderStyle = borderStyle
        self.titleStyle = titleStyle
        self.symbols = symbols
    }

    /// Draws the frame and returns the area inside it for the content.
    @discardableResult
    public func draw(in area: Rect, into buffer: inout Buffer) -> Rect {
        guard !area.isEmpty else { return area }
        buffer.fill(area)
        switch borders {
        case .top:
            drawRule(in: area.row(0), leftCorner: symbols.horizontal, rightCorner: symbols.horizontal, into: &buffer)
            return area.inset(top: 1)
        case .all:
            guard area.width >= 2, area.height >= 2 else { return drawRuleOnly(area, into: &buffer) }
            drawRule(in: area.row(0), leftCorner: symbols.topLeft, rightCorner: symbols.topRight, into: &buffer)
            let bottom = area.maxY - 1
            buffer.set(symbols.bottomLeft, x: area.x, y: bottom, style: borderStyle)
            for x in (area.x + 1)..<(area.maxX - 1) { buffer.set(symbols.horizontal, x: x, y: bottom, style: borderStyle) }
            buffer.set(symbols.bottomRight, x: area.maxX - 1, y: bottom, style: borderStyle)
            for y in (area.y + 1)..<bottom {
                buffer.set(symbols.vertical, x: area.x, y: y, style: borderStyle)
                buffer.set(symbols.vertical, x: area.maxX - 1, y: y, style: borderStyle)
            }
            return area.inset(by: 1)
        }
    }

    /// Too small for a box: show the title rule alone so the section is still named.
    private func drawRuleOnly(_ area: Rect, into buffer: inout Buffer) -> Rect {
        drawRule(in: area.row(0), leftCorner: symbols.horizontal, rightCorner: symbols.horizontal, into: &buffer)
        return area.inset(top: 1)
    }

    /// `┌ Title ───┐`: corners, then the title after one rule cell, then rule to the end.
    private func drawRule(in row: Rect, leftCorner: Character, rightCorner: Character, into buffer: inout Buffer) {
        for x in row.x..<row.maxX { buffer.set(symbols.horizontal, x: x, y: row.y, style: borderStyle) }
        buffer.set(leftCorner, x: row.x, y: row.y, style: borderStyle)
        if row.width > 1 { buffer.set(rightCorner, x: row.maxX - 1, y: row.y, style: borderStyle) }
        guard !title.isEmpty, row.width > 4 else { return }
        let label = " " + TextFitting.truncated(title, toWidth: row.width - 4, ellipsis: symbols.ellipsis) + " "
        buffer.write(label, at: Position(x: row.x + 1, y: row.y), style: titleStyle, maxWidth: row.width - 2)
    }
}
