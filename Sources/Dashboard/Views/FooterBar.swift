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
        if case .node = state.mode { hints.append("Esc back") }
        hints += ["q quit", "/ filter", "s sort", "p pause", "Tab focus", "Enter node", "? help"]
        return " " + hints.joined(separator: "  ")
    }

    func draw(in area: Rect, into buffer: inout Buffer) {
        let style = state.isEditingFilter ? Style.plain : appearance.theme.muted
        StatusLine(left: text, style: style, ellipsis: appearance.symbols.ellipsis).draw(in: area, into: &buffer)
    }
}
