import TimeSeries

/// One process (Enter on a process): where its queue stands and has been over the window held,
/// then the evidence from its node — the verdict, its status and work, where it is — and its stack.
public struct ProcessDetailView: Sendable {
    public var model: DashboardModel
    public var state: DashboardState
    public var process: ProcessIdentity
    public var appearance: Appearance

    public init(model: DashboardModel, state: DashboardState, process: ProcessIdentity, appearance: Appearance = .standard) {
        self.model = model
        self.state = state
        self.process = process
        self.appearance = appearance
    }

    public func draw(in area: Rect, into buffer: inout Buffer) {
        guard let body = DetailFrame(model: model, state: state, appearance: appearance).draw(in: area, into: &buffer) else { return }
        let theme = appearance.theme
        let parts = body.split(.vertical, [.fixed(2), .fixed(max(5, body.height * 2 / 5)), .min(0)])
        let row = model.processes.first { $0.process.isSameProcess(as: process) }
        let shown = row?.process ?? process
        let summaryArea = Panel(title: "Process \(shown.displayName) on \(shown.node)", borders: .top, borderStyle: theme.border,
                                titleStyle: row?.alertState == .firing ? theme.problem : theme.title, symbols: appearance.symbols)
            .draw(in: parts[0], into: &buffer)
        buffer.write(" " + summary(row), at: Position(x: summaryArea.x, y: summaryArea.y), style: row == nil ? theme.muted : .plain,
                     maxWidth: summaryArea.width)
        let open = model.openProcess.flatMap { $0.process.isSameProcess(as: process) ? $0 : nil }
        drawChart(open?.queue ?? [], in: parts[1], into: &buffer)
        ProcessEvidenceSection(evidence: open?.evidence ?? .notAsked, instance: shown.instance, isProcessType: shown.pid.isEmpty,
                               appearance: appearance)
            .draw(in: parts[2], into: &buffer)
    }

    /// A `width`×`height` buffer with this view drawn in it.
    public func render(width: Int, height: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        draw(in: buffer.area, into: &buffer)
        return buffer
    }

    /// The process's figures in a line: its queue, growth and alert, or that it is gone.
    private func summary(_ row: ProcessRow?) -> String {
        guard let row else { return "No longer reported: its queue emptied, or the process or its node went away." }
        var parts = ["\(HumanFormat.count(row.queueLength)) queued", HumanFormat.rate(row.growthPerSecond, grouped: true)]
        if let peak = row.peakQueueLength, peak > row.queueLength { parts.append("peak \(HumanFormat.count(peak)) in the last minute") }
        switch row.alertState {
        case .firing: parts.append("alert firing")
        case .pending: parts.append("alert pending")
        default: break
        }
        if !process.pid.isEmpty, !process.name.isEmpty { parts.append("pid \(process.pid)") }
        if !row.process.initialCall.isEmpty, !row.process.name.isEmpty { parts.append("type \(row.process.initialCall)") }
        return parts.joined(separator: "  ")
    }

    private func drawChart(_ queue: [ChartPoint], in area: Rect, into buffer: inout Buffer) {
        let inner = Panel(title: "Queue", borders: .top, borderStyle: appearance.theme.border, titleStyle: appearance.theme.title,
                          symbols: appearance.symbols).draw(in: area, into: &buffer)
        guard !inner.isEmpty else { return }
        let now = queue.last?.time ?? Timestamp(milliseconds: 0)
        LineChart(series: [ChartSeries(name: "queue", points: queue)], timeLabels: .relative(to: now), showsLegend: false,
                  theme: appearance.theme, symbols: appearance.symbols)
            .draw(in: inner, into: &buffer)
    }
}
