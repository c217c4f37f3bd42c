extension LineChart {
    /// Y tick labels and their rows, skipping ticks that would land on or next to a labelled row.
    func yTicks(_ scale: ValueScale, rows: Int) -> [(row: Int, label: String)] {
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
    func drawYAxis(_ ticks: [(row: Int, label: String)], plot: Rect, labelWidth: Int, into buffer: inout Buffer) {
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
    func drawXAxis(_ scale: TimeScale, plot: Rect, bounds: Rect, into buffer: inout Buffer) {
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
    func legendLines(width: Int, maxLines: Int) -> [[(index: Int, text: String)]] {
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

    func drawLegendLine(_ entries: [(index: Int, text: String)], at start: Position, into buffer: inout Buffer) {
        var x = start.x
        for entry in entries {
            let marker = symbols.seriesMarkers[entry.index % symbols.seriesMarkers.count]
            buffer.set(marker, x: x, y: start.y, style: theme.seriesStyle(entry.index))
            x += 2
            x += buffer.write(entry.text, at: Position(x: x, y: start.y)) + 2
        }
    }

    /// Not enough room for axes: the legend alone, or one line saying so.
    func drawTooSmall(in area: Rect, legend: [[(index: Int, text: String)]], into buffer: inout Buffer) {
        if area.height > legend.count, legend.count > 0 {
            for (offset, line) in legend.enumerated() { drawLegendLine(line, at: Position(x: area.x, y: area.y + offset), into: &buffer) }
        } else {
            buffer.write("chart too small", at: Position(x: area.x, y: area.y), style: theme.muted, maxWidth: area.width)
        }
    }
}
