/// The active alerts table.
struct AlertTableBuilder {
    let appearance: Appearance

    var columns: [TableColumn] {
        [
            TableColumn("Alert", width: .flexible(min: 10, weight: 2)),
            TableColumn("Labels", width: .flexible(min: 10, weight: 3), dropPriority: 2),
            TableColumn("State", width: .fixed(7)),
            TableColumn("Age", width: .fixed(6), alignment: .right),
            TableColumn("Sent to", width: .flexible(min: 7, weight: 1), dropPriority: 1),
        ]
    }

    func row(_ alert: AlertRow) -> TableRow {
        let stateCell: TableCell = switch alert.state {
        case .firing: .text("FIRING", style: appearance.theme.problem)
        case .pending: .text("pending", style: appearance.theme.warning)
        case .inactive: .text("ok")
        }
        return TableRow([
            .text(alert.name),
            .text(alert.labelsSummary),
            stateCell,
            .text(HumanFormat.duration(seconds: alert.ageSeconds)),
            sentTo(alert),
        ])
    }

    /// The table for `visibleRows` rows of `alerts` from `offset`, highlighting `selection` (an index into `alerts`).
    func table(_ alerts: [AlertRow], selection: Int?, offset: Int, visibleRows: Int) -> Table {
        let start = min(max(0, offset), alerts.count)
        return Table(columns: columns, rows: alerts[start..<min(alerts.count, start + max(0, visibleRows))].map(row),
              selectedRow: selection.map { $0 - start }, headerStyle: appearance.theme.tableHeader,
              selectedStyle: appearance.theme.selected, symbols: appearance.symbols)
    }
}
