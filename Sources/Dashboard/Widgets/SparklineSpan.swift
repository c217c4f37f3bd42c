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
