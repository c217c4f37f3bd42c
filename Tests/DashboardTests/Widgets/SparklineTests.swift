import Testing
import Dashboard

@Suite struct SparklineTests {
    @Test func scalesToTheLargestValueShown() {
        #expect(Sparkline(values: [0, 1, 2, 3, 4, 5, 6, 7]).text(width: 8) == "▁▂▃▄▅▆▇█")
        #expect(Sparkline(values: [100, 0, 1, 2]).text(width: 3) == "▁▅█")
        #expect(Sparkline(values: [5, 5, 5]).text(width: 10) == "███")
        #expect(Sparkline(values: [0, 0]).text(width: 2) == "▁▁")
    }

    @Test func gapsAndAFixedMaximum() {
        #expect(Sparkline(values: [7, .nan, 7]).text(width: 3) == "█ █")
        #expect(Sparkline(values: [7, 14, 70], maximum: 14).text(width: 3) == "▅██")
    }

    @Test func theGlyphSetIsSwitchable() {
        #expect(Sparkline(values: [0, 1, 2, 3, 4, 5, 6, 7], glyphs: Symbols.ascii.sparkline).text(width: 8) == "_.:-=+*#")
    }

    @Test func drawsTheNewestValuesRightAligned() {
        var buffer = Buffer(width: 6, height: 1)
        Sparkline(values: [1, 2, 3, 4, 5, 6, 7, 8]).draw(in: Rect(x: 1, y: 0, width: 4, height: 1), into: &buffer)
        #expect(buffer.lines == [" ▅▆▇█ "])
        var short = Buffer(width: 6, height: 1)
        Sparkline(values: [1, 2]).draw(in: short.area, into: &short)
        #expect(short.lines == ["    ▅█"])
    }
}
