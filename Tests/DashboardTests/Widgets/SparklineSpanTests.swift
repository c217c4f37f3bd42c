import Dashboard
import Testing

/// Sparklines that fit a span held into fewer columns: groups of samples fixed in time, each
/// drawn at its largest value.
@Suite struct SparklineSpanTests {
    /// Twelve samples numbered 100…111, in 4 columns: three to a glyph, grouped 99–101, 102–104, …
    @Test func eachGlyphIsTheLargestOfAGroupFixedInTime() {
        let values: [Double] = [0, 8, 0, 0, 0, 0, 4, 0, 0, 0, 0, 2]
        let span = SparklineSpan(samples: 12, newestSampleNumber: 111)
        #expect(span.samplesPerGlyph(width: 4) == 3)
        // Groups by number: [100, 101] (the oldest, partial), [102–104], [105–107], [108–110], [111].
        // 4 columns show the newest four: nothing, the 4, nothing, the 2 (half and a quarter of 8).
        let chart = Sparkline(values: values, scale: .fixed(8), span: span)
        #expect(chart.text(width: 4) == "▁▅▁▃")
    }

    @Test func aNewSampleChangesOnlyTheNewestGlyphUntilItsGroupIsFull() {
        let values: [Double] = (0..<60).map { Double($0 % 7) }
        // Samples numbered 0…count−1, ten columns for a span of 30: groups of three from 0, 3, 6, …
        func chart(_ count: Int) -> [Character] {
            Array(Sparkline(values: Array(values.prefix(count)), scale: .fixed(6), span: SparklineSpan(samples: 30, newestSampleNumber: Int64(count - 1)))
                .text(width: 10))
        }
        let full = chart(45)        // the newest group is 42, 43, 44
        let started = chart(46)     // a new group with 45 alone
        let grown = chart(47)       // that group with 45 and 46
        #expect(full.count == 10 && started.count == 10 && grown.count == 10)
        #expect(started.dropLast() == full.dropFirst(), "the older glyphs moved on by one")
        #expect(grown.dropLast() == started.dropLast(), "then only the newest glyph changes")
        #expect(chart(48).dropLast() == started.dropLast())
    }

    @Test func aGroupWithOnlyGapsIsAGapAndOneSamplePerGlyphNeedsNoGrouping() {
        let values: [Double] = [5, .nan, .nan, .nan, 5, 5]
        let chart = Sparkline(values: values, scale: .fixed(5), span: SparklineSpan(samples: 6, newestSampleNumber: 5))
        #expect(chart.text(width: 3) == "█ █")
        #expect(SparklineSpan(samples: 40, newestSampleNumber: 7).samplesPerGlyph(width: 48) == 1)
        #expect(Sparkline(values: values, scale: .fixed(5), span: SparklineSpan(samples: 6, newestSampleNumber: 5)).text(width: 6)
                == Sparkline(values: values, scale: .fixed(5)).text(width: 6))
    }

    @Test func theWholeSpanFitsTheWidth() {
        let values = (0..<120).map(Double.init)
        let chart = Sparkline(values: values, scale: .shownMaximum, span: SparklineSpan(samples: 120, newestSampleNumber: 1_700_000_119))
        #expect(chart.text(width: 48).count == 40 || chart.text(width: 48).count == 41, "120 samples, three to a glyph")
        #expect(chart.text(width: 48).last == "█", "the newest group holds the largest value")
    }
}
