/// A box in the middle of the screen listing key bindings, drawn over whatever is below.
public struct HelpOverlay: Widget, Sendable {
    public var title: String
    /// Key names and what they do, one line each.
    public var entries: [(key: String, action: String)]
    public var symbols: Symbols
    public var borderStyle: Style
    public var keyStyle: Style

    public init(title: String = "Keys", entries: [(key: String, action: String)], symbols: Symbols = .unicode,
                borderStyle: Style = .plain, keyStyle: Style = Style(attributes: .bold)) {
        self.title = title
        self.entries = entries
        self.symbols = symbols
        self.borderStyle = borderStyle
        self.keyStyle = keyStyle
    }

    public func draw(in area: Rect, into buffer: inout Buffer) {
        let keyWidth = entries.map { DisplayWidth.of($0.key) }.max() ?? 0
        let actionWidth = entries.map { DisplayWidth.of($0.action) }.max() ?? 0
        let box = area.centered(width: keyWidth + actionWidth + 6, height: entries.count + 2)
        guard box.width >= 4, box.height >= 3 else { return }
        let inner = Panel(title: title, borderStyle: borderStyle, titleStyle: keyStyle, symbols: symbols).draw(in: box, into: &buffer)
        for (line, entry) in entries.enumerated() where line < inner.height {
            let y = inner.y + line
            buffer.write(entry.key, at: Position(x: inner.x + 1, y: y), style: keyStyle, maxWidth: inner.width - 1)
            let actionX = inner.x + 1 + keyWidth + 2
            let room = inner.maxX - actionX
            if room > 0 {
                let text = TextFitting.truncated(entry.action, toWidth: room, ellipsis: symbols.ellipsis)
                buffer.write(text, at: Position(x: actionX, y: y), maxWidth: room)
            }
        }
    }
}
