import Testing
import Dashboard
import TimeSeries

@Suite struct LineChartTests {
    /// 2023-11-14 22:13:20 UTC.
    let start = Timestamp(milliseconds: 1_700_000_000_000)

    func series(_ name: String, _ values: [Double], every seconds: Int64 = 60) -> ChartSeries {
        ChartSeries(name: name, points: values.enumerated().map { offset, value in
            ChartPoint(time: start + .seconds(Int64(offset) * seconds), value: value)
        })
    }

    var twoSeries: [ChartSeries] {
        [
            series("chat_router", [0, 2000, 8000, 20_000, 34_000, 48_000, 48_000, 40_000]),
            series("presence", [9000, 9000, 10_000, 12_000, .nan, 12_000, 11_000, 9000]),
        ]
    }

    @Test func twoSeriesWithAxesAndALegend() {
        let text = LineChart(series: twoSeries).renderText(width: 40, height: 12, color: false)
        #expect(text == """
        60k┤
           │
           │                       ••••••••••••
        40k┤                    •••            •
           │                  ••
        20k┤               •••
           │            ••++         ++++
           │++++++++++++++               +++++++
          0┤•••••••
           └───┬─────────┬─────────┬─────────┬──
             22:14     22:16     22:18     22:20
        • chat_router  + presence
        """)
    }

    @Test func theSameChartWithColorCarriesStyles() {
        let text = LineChart(series: twoSeries).renderText(width: 40, height: 12, color: true)
        #expect(text.contains("\u{1B}[36m•"))
        #expect(text.contains("\u{1B}[33m+"))
        #expect(withoutEscapes(text) == LineChart(series: twoSeries).renderText(width: 40, height: 12, color: false))
    }

    /// `text` with every `ESC [ … m` removed.
    func withoutEscapes(_ text: String) -> String {
        var result = ""
        var inEscape = false
        for character in text {
            if character == "\u{1B}" { inEscape = true } else if inEscape { inEscape = character != "m" } else { result.append(character) }
        }
        return result
    }

    @Test func asciiSymbolsAndRelativeTimes() {
        let chart = LineChart(series: twoSeries, unit: .perSecond, timeLabels: .relative(to: start + .seconds(420)), symbols: .ascii)
        #expect(chart.renderText(width: 36, height: 8, color: false) == """
        50k/s+                    ********
             |                 ***        **
             |            *****
             |+++++++++++++        +++++++++
          0/s+*******
             +--------+--------------------+
                     -5m                 now
        * chat_router  + presence
        """)
    }

    @Test func aConstantSeriesAndASinglePoint() {
        let constant = LineChart(series: [series("flat", [7, 7, 7, 7])]).renderText(width: 24, height: 6, color: false)
        #expect(constant == """
        10┤
          │•••••••••••••••••••••
         0┤
          └────┬─────────────┬──
             22:14         22:16
        • flat
        """)
        let single = LineChart(series: [series("one", [1234])]).renderText(width: 24, height: 6, color: false)
        #expect(single.contains("•"))
        #expect(single.contains("2k┤"))
    }

    @Test func hugeRangesAndNoData() {
        let huge = LineChart(series: [series("wild", [1, 1e300, -.infinity, .infinity, -1e308])])
            .renderText(width: 30, height: 8, color: false)
        #expect(huge.contains("2e300┤"))
        #expect(huge.contains("-2e300┤"))
        let empty = LineChart(series: [series("none", [.nan, .nan])]).renderText(width: 30, height: 8, color: false)
        #expect(empty.contains("no data"))
    }

    @Test func tinySizesNeverCrash() {
        for width in 0...20 {
            for height in 0...8 {
                let text = LineChart(series: twoSeries).renderText(width: width, height: height, color: true)
                #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count == max(0, height) || height == 0)
            }
        }
    }

    @Test func clockLabelsFollowTheOffsetAndStepInDays() {
        let days = LineChart(series: [series("d", [1, 2, 3, 4], every: 86_400)], timeLabels: .clock(utcOffsetSeconds: 3600))
            .renderText(width: 40, height: 6, color: false)
        #expect(days.contains("11-15"))
        #expect(days.contains("11-17"))
    }
}
