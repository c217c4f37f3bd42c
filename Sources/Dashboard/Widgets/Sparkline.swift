/// A one-row chart of recent values as bar glyphs (`▁▂▃▄▅▆▇█`), newest at the right. A NaN is a gap.
///
/// By default the full bar stands for a steady 1-2-5 ceiling of all the values held (see
/// `SparklineScale`), so the glyphs of older samples stay the same as the chart moves on.
public struct Sparkline: Widget, Sendable {
    public var values: [Double]
    /// What the full bar stands for.
    public var scale: SparklineScale
    public var style: Style
    /// Glyphs from lowest to highest (`Symbols.sparkline`).
    public var glyphs: [Character]

    public init(values: [Double], scale: SparklineScale = .steady, style: Style = .plain,
                glyphs: [Character] = Symbols.unicode.sparkline) {
        self.values = values
        self.scale = scale
        self.style = style
        self.glyphs = glyphs
    }

    /// Draws the newest `area.width` values on the first row, right-aligned.
    public func draw(in area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let shown = text(width: area.width)
        buffer.write(shown, at: Position(x: area.maxX - shown.count, y: area.y), style: style, maxWidth: area.width)
    }

    /// The value a full bar stands for when `width` columns are shown, for a label.
    public func ceiling(width: Int) -> Double {
        scale.ceiling(values: values, shown: values.suffix(max(0, width)))
    }

    /// The glyphs for the newest `width` values (fewer when there are fewer values).
    public func text(width: Int) -> String {
        guard width > 0, !glyphs.isEmpty else { return "" }
        let window = values.suffix(width)
        let top = scale.ceiling(values: values, shown: window)
        var text = ""
        text.reserveCapacity(window.count * 3)
        for value in window { text.append(glyph(for: value, top: top)) }
        return text
    }

    private func glyph(for value: Double, top: Double) -> Character {
        if value.isNaN || value == -.infinity { return " " }
        guard top > 0, value > 0 else { return glyphs[0] }
        let fraction = min(1, value / top)
        return glyphs[min(glyphs.count - 1, Int((fraction * Double(glyphs.count - 1)).rounded()))]
    }
}
