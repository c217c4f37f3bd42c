/// A one-row chart of recent values as bar glyphs (`▁▂▃▄▅▆▇█`), newest at the right. A NaN is a gap.
///
/// By default the full bar stands for a steady 1-2-5 ceiling of all the values held (see
/// `SparklineScale`), so the glyphs of older samples stay the same as the chart moves on. With a
/// `span`, each glyph stands for a group of samples fixed in time, drawn at the group's largest
/// value (a burst's peak is never averaged away), so the whole span fits the width.
public struct Sparkline: Widget, Sendable {
    public var values: [Double]
    /// What the full bar stands for.
    public var scale: SparklineScale
    public var style: Style
    /// Glyphs from lowest to highest (`Symbols.sparkline`).
    public var glyphs: [Character]
    /// How the values line up in time; nil draws one glyph per value.
    public var span: SparklineSpan?

    public init(values: [Double], scale: SparklineScale = .steady, style: Style = .plain,
                glyphs: [Character] = Symbols.unicode.sparkline, span: SparklineSpan? = nil) {
        self.values = values
        self.span = span
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
        scale.ceiling(values: values, shown: values.suffix(shownCount(width: width)))
    }

    /// The glyphs for the newest `width` values, or groups of values with a span (fewer when
    /// there are fewer values).
    public func text(width: Int) -> String {
        guard width > 0, !glyphs.isEmpty else { return "" }
        let window = values.suffix(shownCount(width: width))
        let top = scale.ceiling(values: values, shown: window)
        var text = ""
        text.reserveCapacity(min(width, window.count) * 3)
        let perGlyph = span?.samplesPerGlyph(width: width) ?? 1
        guard perGlyph > 1, let span else {
            for value in window { text.append(glyph(for: value, top: top)) }
            return text
        }
        for group in Self.groups(window, perGlyph: perGlyph, newestSampleNumber: span.newestSampleNumber) {
            text.append(glyph(for: Self.largest(window[group]), top: top))
        }
        return text
    }

    /// How many of the newest values `width` glyphs show.
    private func shownCount(width: Int) -> Int {
        guard width > 0 else { return 0 }
        guard let span else { return width }
        let perGlyph = span.samplesPerGlyph(width: width)
        guard perGlyph > 1 else { return width }
        return Self.newestGroupSize(perGlyph: perGlyph, newestSampleNumber: span.newestSampleNumber) + (width - 1) * perGlyph
    }

    /// The values of the newest group: those whose number falls in the newest sample's group.
    private static func newestGroupSize(perGlyph: Int, newestSampleNumber: Int64) -> Int {
        let remainder = Int(newestSampleNumber % Int64(perGlyph))
        return (remainder + perGlyph) % perGlyph + 1
    }

    /// The index ranges of `window`'s groups, oldest first; the oldest may be partial.
    private static func groups(_ window: ArraySlice<Double>, perGlyph: Int, newestSampleNumber: Int64) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var end = window.endIndex
        var size = newestGroupSize(perGlyph: perGlyph, newestSampleNumber: newestSampleNumber)
        while end > window.startIndex {
            let start = max(window.startIndex, end - size)
            ranges.append(start..<end)
            end = start
            size = perGlyph
        }
        return ranges.reversed()
    }

    /// A group's largest value; NaN (a gap) when it has no number.
    private static func largest(_ group: ArraySlice<Double>) -> Double {
        var result = Double.nan
        for value in group where !value.isNaN { result = result.isNaN ? value : max(result, value) }
        return result
    }

    private func glyph(for value: Double, top: Double) -> Character {
        if value.isNaN || value == -.infinity { return " " }
        guard top > 0, value > 0 else { return glyphs[0] }
        let fraction = min(1, value / top)
        return glyphs[min(glyphs.count - 1, Int((fraction * Double(glyphs.count - 1)).rounded()))]
    }
}

/// How a sparkline picks the value it draws as a full bar.
///
/// `steady` (the default) keeps the scale still from frame to frame, so a sparkline that moves
/// on by one sample only shifts (which the diff writer sends as a cheap delete-characters) and
/// does not "breathe" as the largest value shown comes and goes:
/// - the ceiling comes from every value the sparkline holds (the dashboard passes about two
///   minutes), not only the newest ones shown, so it falls only once a peak has left that longer
///   window — hysteresis without keeping state between frames;
/// - it is then rounded up to 1, 2 or 5 × 10ⁿ, so a growing maximum changes the scale only when
///   it crosses one of those steps (about three times per tenfold growth).
public enum SparklineScale: Hashable, Sendable {
    /// The 1-2-5 ceiling of the largest value held, shown or not.
    case steady
    /// The largest value shown, recomputed every frame: the full height is always used.
    case shownMaximum
    /// A fixed value.
    case fixed(Double)

    /// The value drawn as a full bar for `values`, of which `shown` is the newest part.
    func ceiling(values: [Double], shown: ArraySlice<Double>) -> Double {
        switch self {
        case .steady: Self.niceCeiling(Self.largest(values[...]))
        case .shownMaximum: Self.largest(shown)
        case .fixed(let value): value
        }
    }

    /// The smallest 1, 2 or 5 × 10ⁿ at or above `value` (the steps a chart axis uses); 0 for a
    /// value that is not positive and finite, which draws every bar at the lowest level.
    public static func niceCeiling(_ value: Double) -> Double {
        guard value.isFinite, value > 0 else { return 0 }
        return ValueScale.niceStep(value)
    }

    /// The largest finite value, 0 for none.
    private static func largest(_ values: ArraySlice<Double>) -> Double {
        values.reduce(0) { $1.isFinite ? max($0, $1) : $0 }
    }
}

/// How a sparkline's samples line up in time, so it can draw the whole span held in the width it
/// has: several samples to a glyph, grouped by their number since the epoch so the groups stay
/// put as samples arrive.
///
/// With the two minutes a row holds in 48 columns, each glyph covers three one-second samples
/// and the chart shows every sample held, the peak that orders the ranking's third tier
/// included. The glyphs move on once every three samples; in between only the newest glyph
/// changes, and only when its group's largest value does.
public struct SparklineSpan: Hashable, Sendable {
    /// How many samples the chart should cover: the span held (120 for two minutes at 1 s).
    public var samples: Int
    /// The newest sample's number since the epoch (its time divided by the poll interval):
    /// samples with the same number divided by the group size share a glyph.
    public var newestSampleNumber: Int64

    public init(samples: Int, newestSampleNumber: Int64) {
        self.samples = samples
        self.newestSampleNumber = newestSampleNumber
    }

    /// Samples per glyph when `width` glyphs are available: enough to fit the span, at least one.
    public func samplesPerGlyph(width: Int) -> Int {
        guard width > 0, samples > width else { return 1 }
        return (samples + width - 1) / width
    }
}
