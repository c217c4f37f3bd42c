/// The node view's block of what its mailboxes add up to by kind of process, and what waits on
/// its distribution links: where a backlog spread over thousands of small queues, or sitting
/// between nodes, shows.
struct NodeBreakdownSection {
    let node: NodeRow
    let appearance: Appearance

    /// Kinds of process listed at most; the exporter sends a few more.
    static let maximumTypes = 4

    /// Lines the block wants for `node`: its types, and one for its links; 0 when it exports neither.
    static func lineCount(_ node: NodeRow) -> Int {
        min(node.processTypes.count, maximumTypes) + (node.links.isEmpty ? 0 : 1)
    }

    static func title(_ node: NodeRow) -> String {
        switch (node.processTypes.isEmpty, node.links.isEmpty) {
        case (false, false): "Process types and distribution links"
        case (false, true): "Process types"
        default: "Distribution links"
        }
    }

    func draw(in area: Rect, into buffer: inout Buffer) {
        let theme = appearance.theme
        var y = area.y
        let types = node.processTypes.prefix(Self.maximumTypes)
        let nameWidth = min(max(12, types.map { DisplayWidth.of($0.initialCall) }.max() ?? 0), max(12, area.width / 3))
        for type in types where y < area.maxY - (node.links.isEmpty ? 0 : 1) {
            let name = TextFitting.aligned(type.initialCall, width: nameWidth, alignment: .left)
            let figures = "\(HumanFormat.count(type.processes)) process\(type.processes == 1 ? "" : "es")  \(HumanFormat.count(type.queued)) queued  "
                + "longest \(HumanFormat.count(type.largestQueue))"
            buffer.write(" " + name + "  " + figures, at: Position(x: area.x, y: y), maxWidth: area.width)
            y += 1
        }
        guard !node.links.isEmpty, y < area.maxY else { return }
        var x = area.x
        buffer.write(" links ", at: Position(x: x, y: y), maxWidth: area.width)
        x += 7
        for (index, link) in node.links.enumerated() where x < area.maxX {
            let text = (index > 0 ? "  " : "") + "\(link.peer) \(HumanFormat.bytes(link.queuedBytes))" + (link.isBusy ? " busy!" : "")
            buffer.write(text, at: Position(x: x, y: y), style: link.isBusy ? theme.problem : .plain, maxWidth: area.maxX - x)
            x += DisplayWidth.of(text)
        }
    }
}
