/// The next-bottleneck panel: a title rule, the reason sentence, then the figures and a sparkline
/// of recent queue lengths, labelled with its scale (`0-5k`: a full bar is 5,000 queued).
struct BottleneckSection {
    let bottleneck: Bottleneck?
    let appearance: Appearance

    func draw(in area: Rect, into buffer: inout Buffer) {
        let theme = appearance.theme
        let inner = Panel(title: "Next bottleneck", borders: .top, borderStyle: theme.border, titleStyle: theme.title,
                          symbols: appearance.symbols).draw(in: area, into: &buffer)
        guard !inner.isEmpty else { return }
        guard let bottleneck else {
            buffer.write(" No backlog stands out.", at: Position(x: inner.x, y: inner.y), style: theme.muted, maxWidth: inner.width)
            return
        }
        let over = bottleneck.threshold.map { bottleneck.queueLength > $0 } ?? false
        let reason = " " + TextFitting.truncated(bottleneck.reason, toWidth: max(0, inner.width - 1), ellipsis: appearance.symbols.ellipsis)
        buffer.write(reason, at: Position(x: inner.x, y: inner.y), style: over ? theme.problem : theme.title, maxWidth: inner.width)
        guard inner.height >= 2 else { return }
        var figures = " queue \(HumanFormat.count(bottleneck.queueLength))  \(HumanFormat.rate(bottleneck.growthPerSecond))"
        if let threshold = bottleneck.threshold { figures += "  threshold \(HumanFormat.count(threshold))" }
        figures += "  "
        let row = inner.row(1)
        let used = buffer.write(figures, at: Position(x: row.x, y: row.y), maxWidth: row.width)
        let sparkArea = Rect(x: row.x + used, y: row.y, width: row.width - used - 1, height: 1)
        guard sparkArea.width >= 4 else { return }
        let sparkline = Sparkline(
            values: bottleneck.recent, style: theme.sparkline, glyphs: appearance.symbols.sparkline, span: bottleneck.recentSpan)
        // The scale goes before the chart, so the chart stays last in its row: when it moves on
        // by a sample, the terminal can shift it without redrawing anything to its right.
        let label = "0-\(HumanFormat.compact(sparkline.ceiling(width: sparkArea.width))) "
        let chartWidth = sparkArea.width - label.count
        guard chartWidth >= 8, !bottleneck.recent.isEmpty else {
            sparkline.draw(in: sparkArea, into: &buffer)
            return
        }
        // Right against the glyphs, which are right-aligned and fewer than the width at first.
        let glyphs = sparkline.text(width: chartWidth).count
        buffer.write(label, at: Position(x: sparkArea.maxX - glyphs - label.count, y: row.y), style: theme.muted)
        sparkline.draw(in: Rect(x: sparkArea.x + label.count, y: row.y, width: chartWidth, height: 1), into: &buffer)
    }
}
