/// The process view's evidence block: the verdict in one line, what it rests on, then the stack
/// as far as the screen allows — or why there is none.
struct ProcessEvidenceSection {
    let evidence: EvidenceState
    /// Where the evidence comes from: the node's exporter.
    let instance: String
    /// The row opened is a process type (no pid), which has no evidence of its own.
    let isProcessType: Bool
    let appearance: Appearance

    func draw(in area: Rect, into buffer: inout Buffer) {
        let theme = appearance.theme
        let title = instance.isEmpty ? "Evidence" : "Evidence from \(instance)"
        let inner = Panel(title: title, borders: .top, borderStyle: theme.border, titleStyle: theme.title, symbols: appearance.symbols)
            .draw(in: area, into: &buffer)
        guard !inner.isEmpty else { return }
        let message: String
        switch evidence {
        case .notAsked where isProcessType:
            message = "A kind of process, not one: its node (n) lists its processes, and each has its own evidence."
        case .notAsked: message = "No exporter address is known for this node, so there is nothing to ask."
        case .fetching(let from): message = "Asking \(from) for the process's status and stack…"
        case .unavailable(let reason): message = "No evidence: \(reason)"
        case .shown(let summary):
            draw(summary, in: inner, into: &buffer)
            return
        }
        buffer.write(" " + message, at: Position(x: inner.x, y: inner.y), style: theme.muted, maxWidth: inner.width)
    }

    private func draw(_ summary: ProcessEvidenceSummary, in area: Rect, into buffer: inout Buffer) {
        let theme = appearance.theme
        let verdictStyle = switch summary.verdict {
        case "stuck", "slow": theme.problem
        case "catching up", "keeping up": theme.good
        default: Style.plain
        }
        let used = buffer.write(" " + summary.verdict.uppercased(), at: Position(x: area.x, y: area.y), style: verdictStyle,
                                maxWidth: area.width)
        buffer.write(" — " + summary.verdictReason, at: Position(x: area.x + used, y: area.y), maxWidth: area.width - used)
        guard area.height >= 2 else { return }
        var facts = ["status \(summary.status)"]
        if let rate = summary.reductionsPerSecond { facts.append("\(HumanFormat.compact(rate)) reductions/s") }
        if let function = summary.currentFunction { facts.append("in \(function)") }
        facts.append("asked \(HumanFormat.duration(seconds: summary.ageSeconds)) ago")
        if let initialCall = summary.initialCall { facts.append("started as \(initialCall)") }
        let line = TextFitting.truncated(" " + facts.joined(separator: "  "), toWidth: area.width, ellipsis: appearance.symbols.ellipsis)
        buffer.write(line, at: Position(x: area.x, y: area.y + 1), style: theme.muted, maxWidth: area.width)
        guard area.height >= 4 else { return }
        buffer.write(" Stack", at: Position(x: area.x, y: area.y + 2), style: theme.title, maxWidth: area.width)
        let frames = summary.stack.isEmpty ? ["(the node sent no stack)"] : summary.stack
        for (index, frame) in frames.prefix(area.height - 3).enumerated() {
            buffer.write("   " + frame, at: Position(x: area.x, y: area.y + 3 + index), style: summary.stack.isEmpty ? theme.muted : .plain,
                         maxWidth: area.width)
        }
    }
}
