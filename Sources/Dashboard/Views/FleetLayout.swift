/// Where each part of the fleet view goes for a screen size, decided in one place so drawing
/// and the reducer's page size agree.
///
/// Top to bottom: header, next bottleneck, processes, nodes, alerts, footer. When rows run
/// short the alerts go first, then the nodes; the processes table shrinks last, and the next
/// bottleneck stays as long as the full view is shown at all.
struct FleetLayout: Hashable, Sendable {
    /// Below this the full view cannot say anything useful; `MinimalView` takes over.
    static let minimumWidth = 30
    static let minimumHeight = 8
    static let bottleneckHeight = 3
    /// A section's title rule, table header, and one row.
    static let minimumSectionHeight = 3

    let header: Rect
    let bottleneck: Rect
    let processes: Rect
    let nodes: Rect
    let alerts: Rect
    let footer: Rect

    /// Nil when the area is below the minimum size.
    init?(area: Rect, processCount: Int, nodeCount: Int, alertCount: Int) {
        guard area.width >= Self.minimumWidth, area.height >= Self.minimumHeight else { return nil }
        let parts = area.split(.vertical, [.fixed(1), .fixed(Self.bottleneckHeight), .min(0), .fixed(1)])
        header = parts[0]
        bottleneck = parts[1]
        footer = parts[3]
        let body = parts[2]
        let heights = Self.sectionHeights(room: body.height, processCount: processCount, nodeCount: nodeCount,
                                          alertCount: alertCount)
        let sections = body.split(.vertical, [.fixed(heights.processes), .fixed(heights.nodes), .fixed(heights.alerts)])
        processes = sections[0]
        nodes = sections[1]
        alerts = sections[2]
    }

    /// Rows for each section out of `room`: processes take up to half (less if they need less),
    /// then nodes up to 35% and alerts up to 25%, each only if its title, header and a row fit;
    /// what is left goes to whichever section still has rows to show, processes first.
    static func sectionHeights(room: Int, processCount: Int, nodeCount: Int, alertCount: Int)
        -> (processes: Int, nodes: Int, alerts: Int) {
        let minimum = minimumSectionHeight
        let wants = (processes: processCount + 2, nodes: max(1, nodeCount) + 2, alerts: alertCount > 0 ? alertCount + 2 : 0)
        var left = room
        func take(_ wanted: Int, cap: Int) -> Int {
            let rows = min(wanted, max(minimum, cap), left)
            guard rows >= minimum else { return 0 }
            left -= rows
            return rows
        }
        var processes = take(wants.processes, cap: room / 2)
        var nodes = take(wants.nodes, cap: room * 35 / 100)
        var alerts = take(wants.alerts, cap: room * 25 / 100)
        let extraProcesses = min(left, max(0, wants.processes - processes))
        processes += extraProcesses
        left -= extraProcesses
        if nodes > 0 {
            let extra = min(left, wants.nodes - nodes)
            nodes += extra
            left -= extra
        }
        if alerts > 0 {
            let extra = min(left, wants.alerts - alerts)
            alerts += extra
            left -= extra
        }
        return (processes + left, nodes, alerts)
    }

    /// Process rows that fit under the processes title and header: the reducer's page size.
    var processRows: Int { max(0, processes.height - 2) }
    var nodeRows: Int { max(0, nodes.height - 2) }
    var alertRows: Int { max(0, alerts.height - 2) }
}
