import TimeSeries

/// The processes table: columns and rows from `ProcessRow`s, shared by the fleet and node views.
struct ProcessTableBuilder {
    let appearance: Appearance
    /// False in the node view, where every row is on the same node.
    let showsNode: Bool

    var columns: [TableColumn] {
        var columns = [TableColumn("Process", width: .flexible(min: 10, weight: 3))]
        if showsNode { columns.append(TableColumn("Node", width: .flexible(min: 8, weight: 2))) }
        columns += [
            TableColumn("Queue", width: .fixed(9), alignment: .right),
            TableColumn("Growth", width: .fixed(7), alignment: .right),
            // The minute's peak explains the order of the ranking's calm third tier; it gives way
            // first, before the trend that shows the same peak as a bar. After the growth, so the
            // two figures that change every second sit together and are sent as one run.
            TableColumn("Peak 1m", width: .fixed(8), alignment: .right, dropPriority: 3),
            TableColumn("Trend", width: .flexible(min: 8, weight: 2), dropPriority: 2),
            TableColumn("Alert", width: .fixed(7), dropPriority: 1),
        ]
        return columns
    }

    func row(_ process: ProcessRow) -> TableRow {
        let theme = appearance.theme
        var cells: [TableCell] = [.text(process.process.displayName)]
        if showsNode { cells.append(.text(process.process.node)) }
        let growthStyle = process.growthPerSecond > 0 ? theme.warning : nil
        cells += [
            .text(HumanFormat.count(process.queueLength)),
            .text(HumanFormat.rate(process.growthPerSecond), style: growthStyle),
            .text(process.peakQueueLength.map(HumanFormat.count) ?? "", style: appearance.theme.muted),
            .sparkline(process.recent, style: theme.sparkline, span: process.recentSpan),
            alertCell(process.alertState),
        ]
        return TableRow(cells)
    }

    private func alertCell(_ state: AlertState) -> TableCell {
        switch state {
        case .inactive: .text("")
        case .pending: .text("pending", style: appearance.theme.warning)
        case .firing: .text("FIRING", style: appearance.theme.problem)
        }
    }

    /// The table for `listing`, with the selection highlighted only when the table has focus.
    func table(_ listing: ProcessListing, selection: Int?) -> Table {
        Table(columns: columns, rows: listing.rows.map(row), selectedRow: selection.map { $0 - listing.firstIndex },
              headerStyle: appearance.theme.tableHeader, selectedStyle: appearance.theme.selected, symbols: appearance.symbols)
    }
}
