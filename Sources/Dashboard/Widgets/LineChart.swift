public import TimeSeries

/// Several series over time on shared axes: y ticks in human numbers with units, x ticks as
/// clock times or ages, a legend, and one marker glyph per series (plus one color each), so the
/// chart reads the same with or without color.
///
/// Each plot column shows the largest value that falls in it (for backlogs the peak is what
/// matters); columns between samples are filled in along the line joining them, except across a
/// NaN or a pause in the data, which stay gaps. Values past ±1e300 are drawn at the edge.
public struct LineChart: Widget, Sendable {
    public var series: [ChartSeries]
    public var unit: ChartUnit
    public var timeLabels: TimeAxisLabels
    /// The time span across the plot; nil spans the data.
    public var timeRange: ClosedRange<Timestamp>?
    /// The value span up the plot; nil fits the data (from 0 when nothing is negative).
    public var valueRange: ClosedRange<Double>?
    public var showsLegend: Bool
    public var theme: Theme
    public var symbols: Symbols

    public init(
        series: [ChartSeries], unit: ChartUnit = .count, timeLabels: TimeAxisLabels = .clock(utcOffsetSeconds: 0),
        timeRange: ClosedRange<Timestamp>? = nil, valueRange: ClosedRange<Double>? = nil, showsLegend: Bool = true,
        theme: Theme = .standard, symbols: Symbols = .unicode
    ) {
        self.series = series
        self.unit = unit
        self.timeLabels = timeLabels
        self.timeRange = timeRange
        self.valueRange = valueRange
        self.showsLegend = showsLegend
        self.theme = theme
        self.symbols = symbols
    }

    public func draw(in area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        buffer.fill(area)
        let legend = showsLegend ? legendLines(width: area.width, maxLines: max(1, area.height / 3)) : []
        let plotHeight = area.height - legend.count - 2
        let timeScale = TimeScale(times: series.flatMap { $0.points.map(\.time) }, fixed: timeRange)
        let visibleValues = series.flatMap { $0.points.filter { timeScale.column(for: $0.time, columns: 2) != nil }.map(\.value) }
        let valueScale = ValueScale(values: visibleValues, fixed: valueRange, tickCount: max(1, plotHeight / 3))
        let tickLabels = yTicks(valueScale, rows: plotHeight)
        let labelWidth = tickLabels.map { DisplayWidth.of($0.label) }.max() ?? 0
        let plot = Rect(x: area.x + labelWidth + 1, y: area.y, width: area.width - labelWidth - 1, height: plotHeight)
        guard plotHeight >= 2, plot.width >= 4 else {
            drawTooSmall(in: area, legend: legend, into: &buffer)
            return
        }
        drawYAxis(tickLabels, plot: plot, labelWidth: labelWidth, into: &buffer)
        drawXAxis(timeScale, plot: plot, bounds: area, into: &buffer)
        if visibleValues.allSatisfy({ !$0.isFinite }) {
            let message = "no data"
            buffer.write(message, at: Position(x: plot.x + max(0, (plot.width - message.count) / 2), y: plot.y + plot.height / 2),
                         style: theme.muted, maxWidth: plot.width)
        }
        for (index, line) in series.enumerated() {
            plotSeries(line, index: index, plot: plot, timeScale: timeScale, valueScale: valueScale, into: &buffer)
        }
        for (offset, line) in legend.enumerated() {
            drawLegendLine(line, at: Position(x: area.x, y: area.maxY - legend.count + offset), into: &buffer)
        }
    }

    /// The chart as text `width`×`height`, lines joined by newlines with trailing spaces dropped:
    /// plain characters when `color` is false (for pipes), or with SGR color codes for a terminal.
    public func renderText(width: Int, height: Int, color: Bool) -> String {
        var buffer = Buffer(width: width, height: height)
        draw(in: buffer.area, into: &buffer)
        return AnsiText.render(buffer, styled: color)
    }

    private func plotSeries(_ line: ChartSeries, index: Int, plot: Rect, timeScale: TimeScale, valueScale: ValueScale,
                            into buffer: inout Buffer) {
        let columns = ChartColumns(line.points, scale: timeScale, columns: plot.width)
        let marker = symbols.seriesMarkers[index % symbols.seriesMarkers.count]
        let style = theme.seriesStyle(index)
        for (column, value) in columns.values.enumerated() where !value.isNaN {
            buffer.set(marker, x: plot.x + column, y: plot.y + valueScale.row(for: value, rows: plot.height), style: style)
        }
    }
}
