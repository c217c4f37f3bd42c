/// The node view's health block: one line per figure, its current value and a sparkline of
/// its history, the process count as a gauge against the limit.
struct NodeHealthSection {
    let node: NodeRow
    let appearance: Appearance

    /// Lines the block has, most telling first; a short screen shows the first ones.
    static let lineCount = 6

    func draw(in area: Rect, into buffer: inout Buffer) {
        let theme = appearance.theme
        let history = node.history
        let lines: [(String, String, NodeProblems, [Double])] = [
            ("run queue", HumanFormat.compact(Double(node.runQueue)), .runQueue, history.runQueue),
            ("queued", HumanFormat.count(node.queuedTotal), .queued, history.queuedTotal),
            ("schedulers", HumanFormat.percent(node.schedulerUtilization), .schedulers, history.schedulerUtilization),
            ("memory", HumanFormat.bytes(node.memoryBytes), .memory, history.memoryBytes),
            ("scrape", HumanFormat.milliseconds(node.scrapeMilliseconds), .scrape, history.scrapeMilliseconds),
        ]
        let labelWidth = 12
        let valueWidth = 10
        for (offset, line) in lines.enumerated() where offset < area.height {
            let y = area.y + offset
            let problem = node.problems.contains(line.2)
            buffer.write(" " + line.0, at: Position(x: area.x, y: y), maxWidth: area.width)
            let value = TextFitting.aligned(line.1 + (problem ? "!" : " "), width: valueWidth - 1, alignment: .right)
            buffer.write(value, at: Position(x: area.x + labelWidth, y: y), style: problem ? theme.problem : .plain,
                         maxWidth: max(0, area.width - labelWidth))
            let sparkX = area.x + labelWidth + valueWidth + 1
            Sparkline(values: line.3, style: theme.sparkline, glyphs: appearance.symbols.sparkline)
                .draw(in: Rect(x: sparkX, y: y, width: area.maxX - sparkX - 1, height: 1), into: &buffer)
        }
        guard area.height > lines.count else { return }
        let y = area.y + lines.count
        let problem = node.problems.contains(.processes)
        buffer.write(" processes", at: Position(x: area.x, y: y), maxWidth: area.width)
        let ratio = node.processLimit > 0 ? Double(node.processCount) / Double(node.processLimit) : 0
        let label = "\(HumanFormat.count(node.processCount)) of \(HumanFormat.count(node.processLimit))" + (problem ? "!" : "")
        Gauge(ratio: ratio, label: label, filledStyle: problem ? theme.problem : theme.sparkline, emptyStyle: theme.muted,
              symbols: appearance.symbols)
            .draw(in: Rect(x: area.x + labelWidth + 1, y: y, width: min(50, area.maxX - area.x - labelWidth - 2), height: 1),
                  into: &buffer)
    }
}
