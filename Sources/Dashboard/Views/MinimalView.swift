/// What a terminal too small for the fleet view shows: as many of these lines as fit, each cut
/// to the width — that it is too small, the next bottleneck, and the fleet totals.
struct MinimalView {
    let model: DashboardModel
    let paused: Bool
    let appearance: Appearance

    var lines: [(String, Style)] {
        let theme = appearance.theme
        var lines: [(String, Style)] = [("backlog: enlarge the terminal" + (paused ? " (paused)" : ""), theme.title)]
        if let bottleneck = model.bottleneck {
            lines.append(("next: \(bottleneck.process.displayName)@\(bottleneck.process.node)", theme.problem))
            lines.append(("\(HumanFormat.count(bottleneck.queueLength)) queued \(HumanFormat.rate(bottleneck.growthPerSecond))", .plain))
        }
        lines.append(("\(model.header.nodesUp)/\(model.header.nodesTotal) up, \(model.header.alertsFiring) firing", .plain))
        return lines
    }

    func draw(in area: Rect, into buffer: inout Buffer) {
        for (offset, line) in lines.enumerated() where offset < area.height {
            let text = TextFitting.truncated(line.0, toWidth: area.width, ellipsis: appearance.symbols.ellipsis)
            buffer.write(text, at: Position(x: area.x, y: area.y + offset), style: line.1, maxWidth: area.width)
        }
    }
}

/// The dashboard as plain text, for when standard output is not a terminal: the caller prints
/// this every poll interval instead of drawing frames.
public enum PlainTextReport {
    /// The fleet view drawn `width` columns wide and `height` rows tall with ASCII symbols and
    /// no styles, trailing blanks trimmed.
    public static func render(_ model: DashboardModel, width: Int = 100, height: Int = 40) -> String {
        let buffer = FleetView(model: model, state: DashboardState(), appearance: .plain).render(width: width, height: height)
        return AnsiText.render(buffer, styled: false)
    }
}
