import Testing
import Dashboard

@Suite struct SparklineTests {
    @Test func scalesToTheLargestValueShownWhenAsked() {
        #expect(Sparkline(values: [0, 1, 2, 3, 4, 5, 6, 7], scale: .shownMaximum).text(width: 8) == "▁▂▃▄▅▆▇█")
        #expect(Sparkline(values: [100, 0, 1, 2], scale: .shownMaximum).text(width: 3) == "▁▅█")
        #expect(Sparkline(values: [5, 5, 5], scale: .shownMaximum).text(width: 10) == "███")
        #expect(Sparkline(values: [0, 0], scale: .shownMaximum).text(width: 2) == "▁▁")
    }

    @Test func gapsAndAFixedMaximum() {
        #expect(Sparkline(values: [7, .nan, 7], scale: .shownMaximum).text(width: 3) == "█ █")
        #expect(Sparkline(values: [7, 14, 70], scale: .fixed(14)).text(width: 3) == "▅██")
    }

    @Test func theGlyphSetIsSwitchable() {
        #expect(Sparkline(values: [0, 10, 20, 30, 40, 50, 60, 70], scale: .fixed(70), glyphs: Symbols.ascii.sparkline)
            .text(width: 8) == "_.:-=+*#")
    }

    @Test func drawsTheNewestValuesRightAligned() {
        var buffer = Buffer(width: 6, height: 1)
        Sparkline(values: [1, 2, 3, 4, 5, 6, 7, 8], scale: .shownMaximum).draw(in: Rect(x: 1, y: 0, width: 4, height: 1), into: &buffer)
        #expect(buffer.lines == [" ▅▆▇█ "])
        var short = Buffer(width: 6, height: 1)
        Sparkline(values: [1, 2], scale: .shownMaximum).draw(in: short.area, into: &short)
        #expect(short.lines == ["    ▅█"])
    }

    @Test func theSteadyCeilingIsOneTwoOrFiveTimesAPowerOfTen() {
        #expect(SparklineScale.niceCeiling(7) == 10)
        #expect(SparklineScale.niceCeiling(10) == 10)
        #expect(SparklineScale.niceCeiling(10.5) == 20)
        #expect(SparklineScale.niceCeiling(201) == 500)
        #expect(SparklineScale.niceCeiling(48_210) == 50_000)
        #expect(SparklineScale.niceCeiling(0.13) == 0.2)
        #expect(SparklineScale.niceCeiling(0) == 0)
        #expect(SparklineScale.niceCeiling(-3) == 0)
        #expect(SparklineScale.niceCeiling(.nan) == 0)
        #expect(Sparkline(values: [3, .nan, 48_210]).ceiling(width: 2) == 50_000)
    }

    @Test func theSteadyScaleCountsValuesHeldButNotShown() {
        // The 10 scrolled out of view still sets the scale, so the 5 is a half bar, not a full one.
        #expect(Sparkline(values: [10, 0, 5]).text(width: 2) == "▁▅")
        #expect(Sparkline(values: [10, 0, 5], scale: .shownMaximum).text(width: 2) == "▁█")
    }

    /// A queue growing by a few percent a second: with the steady scale each frame is the one
    /// before shifted by a column plus the new sample, until the ceiling steps from 1k to 2k.
    @Test func aGrowingQueueOnlyShiftsUntilTheCeilingSteps() {
        let history = (0..<40).reduce(into: [400.0]) { values, _ in values.append(values.last! * 1.03) }
        var shiftsOnly = 0
        var rescales = 0
        for second in 20..<40 {
            let before = Array(Sparkline(values: Array(history[..<second])).text(width: 12))
            let after = Array(Sparkline(values: Array(history[...second])).text(width: 12))
            if Array(before.dropFirst()) == Array(after.dropLast()) { shiftsOnly += 1 } else { rescales += 1 }
        }
        #expect(rescales == 1, "the ceiling passes 1,000 once (at about 1,010)")
        #expect(shiftsOnly == 19)
        var shownMaximumShifts = 0
        for second in 20..<40 {
            let before = Array(Sparkline(values: Array(history[..<second]), scale: .shownMaximum).text(width: 12))
            let after = Array(Sparkline(values: Array(history[...second]), scale: .shownMaximum).text(width: 12))
            if Array(before.dropFirst()) == Array(after.dropLast()) { shownMaximumShifts += 1 }
        }
        #expect(shownMaximumShifts < shiftsOnly, "rescaling to the newest maximum changes older glyphs")
    }

    @Test func theSteadyScaleFallsOnlyOnceAPeakLeavesTheValuesHeld() {
        var values = [900.0] + Array(repeating: 50, count: 5)
        let withPeak = Sparkline(values: values).text(width: 4)
        #expect(withPeak == "▁▁▁▁", "50 of a 1,000 ceiling rounds to the lowest bar")
        values.removeFirst()
        #expect(Sparkline(values: values).text(width: 4) == "████", "the peak gone, 50 is the ceiling")
    }
}
