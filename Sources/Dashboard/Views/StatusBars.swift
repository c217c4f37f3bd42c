/// The top row: fleet totals, with PAUSED first when the screen is frozen so it is never cut off.
struct HeaderBar {
    let header: FleetHeader
    let paused: Bool
    let sort: SortMode
    let appearance: Appearance

    var text: String {
        var parts: [String] = []
        if paused || header.paused { parts.append("PAUSED") }
        parts.append("backlog")
        parts.append("\(header.nodesUp)/\(header.nodesTotal) nodes up")
        parts.append("\(HumanFormat.count(header.totalQueued)) queued")
        parts.append("\(header.alertsFiring) firing")
        parts.append("poll \(HumanFormat.milliseconds(header.pollIntervalSeconds * 1000))")
        parts.append("cycle \(HumanFormat.milliseconds(header.lastCycleMilliseconds))")
        return " " + parts.joined(separator: "  ")
    }

    func draw(in area: Rect, into buffer: inout Buffer) {
        let right = sort == .rank ? "" : "sort: \(sort.rawValue) "
        StatusLine(left: text, right: right, style: appearance.theme.headerBar, ellipsis: appearance.symbols.ellipsis)
            .draw(in: area, into: &buffer)
    }
}

/// The bottom row: the filter prompt while typing, otherwise the filter in force and key hints.
struct FooterBar {
    let state: DashboardState
    let appearance: Appearance

    var text: String {
        if state.isEditingFilter {
            let cursor = appearance.symbols == .unicode ? "▏" : "_"
            return "/" + state.filter + cursor + "   Enter keep  Esc clear"
        }
        var hints: [String] = []
        if !state.filter.isEmpty { hints.append("filter \"\(state.filter)\" (Esc clears)") }
        switch state.mode {
        case .fleet: hints += ["q quit", "/ filter", "s sort", "p pause", "Tab focus", "Enter open", "? help"]
        case .node: hints += ["Esc back", "q quit", "/ filter", "s sort", "p pause", "Enter process", "? help"]
        case .process: hints += ["Esc back", "n node", "q quit", "p pause", "? help"]
        }
        return " " + hints.joined(separator: "  ")
    }

    func draw(in area: Rect, into buffer: inout Buffer) {
        let style = state.isEditingFilter ? Style.plain : appearance.theme.muted
        StatusLine(left: text, style: style, ellipsis: appearance.symbols.ellipsis).draw(in: area, into: &buffer)
    }
}
