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

extension AlertTableBuilder {
    /// The "Sent to" cell: the names that matter most first, the rest as counts, so the column
    /// stays narrow.
    ///
    /// - `hook,team`: delivered to every receiver it went to.
    /// - `refused: hook` (error colour): no receiver has it and one refused it for good;
    ///   `refused: hook +1 queued` when another still retries.
    /// - `queued: hook` (warning colour): no receiver has it yet, delivery retries.
    /// - `hook +1 refused` (error colour), `hook +1 queued`, `hook +1 refused +1 queued`: some
    ///   have it, the others refused it or wait.
    /// - `-`: nothing was sent (pending, or held in `group_wait`).
    private func sentTo(_ alert: AlertRow) -> TableCell {
        let refused = alert.refusedBy, queued = alert.queuedFor
        // A refusal is never retried, so it is the error to look at even when others have it.
        let style = refused.isEmpty ? nil : appearance.theme.problem
        var text: String
        if !alert.deliveredTo.isEmpty {
            text = alert.deliveredTo.joined(separator: ",")
            if !refused.isEmpty { text += " +\(refused.count) refused" }
        } else if !refused.isEmpty {
            text = "refused: " + refused.joined(separator: ",")
        } else if !queued.isEmpty {
            return .text("queued: " + queued.joined(separator: ","), style: appearance.theme.warning)
        } else {
            return .text("-")
        }
        if !queued.isEmpty { text += " +\(queued.count) queued" }
        return .text(text, style: style)
    }
}
