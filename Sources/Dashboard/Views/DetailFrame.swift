/// What the node and process views share around their own sections: the header bar on top, the
/// footer bar at the bottom, and the minimal view instead on a screen too small for them.
struct DetailFrame {
    let model: DashboardModel
    let state: DashboardState
    let appearance: Appearance

    /// Clears `area` and draws the bars; the rows between them, or nil when `area` is empty or the
    /// minimal view was drawn instead.
    func draw(in area: Rect, into buffer: inout Buffer) -> Rect? {
        guard !area.isEmpty else { return nil }
        buffer.fill(area)
        guard area.width >= FleetLayout.minimumWidth, area.height >= FleetLayout.minimumHeight else {
            MinimalView(model: model, paused: state.paused, appearance: appearance).draw(in: area, into: &buffer)
            return nil
        }
        let parts = area.split(.vertical, [.fixed(1), .min(0), .fixed(1)])
        HeaderBar(header: model.header, paused: state.paused, sort: state.sort, appearance: appearance).draw(in: parts[0], into: &buffer)
        FooterBar(state: state, appearance: appearance).draw(in: parts[2], into: &buffer)
        return parts[1]
    }
}
