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

extension LineChart {
    /// Y tick labels and their rows, skipping ticks that would land on or next to a labelled row.
    private func yTicks(_ scale: ValueScale, rows: Int) -> [(row: Int, label: String)] {
        guard rows >= 2 else { return [] }
        var result: [(row: Int, label: String)] = []
        for value in scale.ticks.reversed() {
            let row = scale.row(for: value, rows: rows)
            if let last = result.last, row - last.row < 2 { continue }
            result.append((row, unit.label(value)))
        }
        return result
    }

    /// Right-aligned labels, then the axis line with a tick mark at each labelled row.
    private func drawYAxis(_ ticks: [(row: Int, label: String)], plot: Rect, labelWidth: Int, into buffer: inout Buffer) {
        let axisX = plot.x - 1
        for y in plot.y..<plot.maxY { buffer.set(symbols.vertical, x: axisX, y: y, style: theme.border) }
        for tick in ticks {
            let y = plot.y + tick.row
            let label = TextFitting.aligned(tick.label, width: labelWidth, alignment: .right)
            buffer.write(label, at: Position(x: axisX - labelWidth, y: y), maxWidth: labelWidth)
            buffer.set(symbols.axisTick, x: axisX, y: y, style: theme.border)
        }
    }

    /// The axis rule under the plot, and time labels under their ticks where they fit inside `bounds`.
    private func drawXAxis(_ scale: TimeScale, plot: Rect, bounds: Rect, into buffer: inout Buffer) {
        let ruleY = plot.maxY
        let labelY = ruleY + 1
        buffer.set(symbols.bottomLeft, x: plot.x - 1, y: ruleY, style: theme.border)
        for x in plot.x..<plot.maxX { buffer.set(symbols.horizontal, x: x, y: ruleY, style: theme.border) }
        let sample = timeLabels.label(scale.start, stepSeconds: 60)
        let step = scale.step(columns: plot.width, labelWidth: max(5, DisplayWidth.of(sample)))
        var nextFree = bounds.x
        for tick in scale.ticks(stepSeconds: step, alignment: timeLabels.alignment(stepSeconds: step)) {
            guard let column = scale.column(for: tick, columns: plot.width) else { continue }
            let label = timeLabels.label(tick, stepSeconds: step)
            let width = DisplayWidth.of(label)
            // Centred under the tick, but pushed inside the chart at either end (`now` at the right edge).
            let x = min(max(plot.x + column - width / 2, bounds.x), bounds.maxX - width)
            guard x >= nextFree else { continue }
            buffer.set(symbols.axisTickBelow, x: plot.x + column, y: ruleY, style: theme.border)
            buffer.write(label, at: Position(x: x, y: labelY))
            nextFree = x + width + 1
        }
    }

    /// Legend entries (`• name`) packed into as few lines as fit, at most `maxLines`.
    private func legendLines(width: Int, maxLines: Int) -> [[(index: Int, text: String)]] {
        guard !series.isEmpty, width > 2 else { return [] }
        var lines: [[(index: Int, text: String)]] = [[]]
        var used = 0
        for (index, line) in series.enumerated() {
            let text = TextFitting.truncated(line.name.isEmpty ? "series \(index + 1)" : line.name, toWidth: width - 2,
                                             ellipsis: symbols.ellipsis)
            let entryWidth = 2 + DisplayWidth.of(text)
            let gap = lines[lines.count - 1].isEmpty ? 0 : 2
            if used + gap + entryWidth > width, !lines[lines.count - 1].isEmpty {
                guard lines.count < maxLines else { break }
                lines.append([])
                used = 0
            }
            used += (lines[lines.count - 1].isEmpty ? 0 : 2) + entryWidth
            lines[lines.count - 1].append((index, text))
        }
        return lines
    }

    private func drawLegendLine(_ entries: [(index: Int, text: String)], at start: Position, into buffer: inout Buffer) {
        var x = start.x
        for entry in entries {
            let marker = symbols.seriesMarkers[entry.index % symbols.seriesMarkers.count]
            buffer.set(marker, x: x, y: start.y, style: theme.seriesStyle(entry.index))
            x += 2
            x += buffer.write(entry.text, at: Position(x: x, y: start.y)) + 2
        }
    }

    /// Not enough room for axes: the legend alone, or one line saying so.
    private func drawTooSmall(in area: Rect, legend: [[(index: Int, text: String)]], into buffer: inout Buffer) {
        if area.height > legend.count, legend.count > 0 {
            for (offset, line) in legend.enumerated() { drawLegendLine(line, at: Position(x: area.x, y: area.y + offset), into: &buffer) }
        } else {
            buffer.write("chart too small", at: Position(x: area.x, y: area.y), style: theme.muted, maxWidth: area.width)
        }
    }
}

/// One named line of a `LineChart`, its points in time order.
public struct ChartSeries: Hashable, Sendable {
    public var name: String
    public var points: [ChartPoint]

    public init(name: String, points: [ChartPoint]) {
        self.name = name
        self.points = points
    }
}

/// One value of a chart series at a moment; NaN marks a gap.
public struct ChartPoint: Hashable, Sendable {
    public var time: Timestamp
    public var value: Double

    public init(time: Timestamp, value: Double) {
        self.time = time
        self.value = value
    }
}

/// What a chart's values measure, which decides how its y-axis labels read.
public enum ChartUnit: Hashable, Sendable {
    /// Messages, processes: `48k`.
    case count
    /// A rate: `1.2k/s`.
    case perSecond
    /// `3.4 GiB`.
    case bytes
    /// `12ms`.
    case milliseconds
    /// A plain number followed by this suffix: `.custom("%")` gives `73%`.
    case custom(String)

    /// `value` as a y-axis label in this unit.
    public func label(_ value: Double) -> String {
        switch self {
        case .count: HumanFormat.compact(value)
        case .perSecond: HumanFormat.compact(value) + "/s"
        case .bytes: HumanFormat.bytes(value)
        case .milliseconds: HumanFormat.milliseconds(value)
        case .custom(let suffix): HumanFormat.compact(value) + suffix
        }
    }
}
