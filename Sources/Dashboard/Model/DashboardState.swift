/// What the user has done to the dashboard: where the selection is, the filter, the sort, the
/// view, pause and help. Changed only by `DashboardState.reduce`, so every key can be tested
/// without a terminal.
public struct DashboardState: Hashable, Sendable {
    public var mode: DashboardMode
    public var focus: DashboardFocus
    /// Row index into the filtered, sorted process list.
    public var processSelection: Int
    public var nodeSelection: Int
    public var alertSelection: Int
    /// Row index into the node detail view's process list.
    public var detailSelection: Int
    /// Case-insensitive text that process and node names must contain; empty shows everything.
    public var filter: String
    /// True while `/` has the filter prompt open and typing goes into it.
    public var isEditingFilter: Bool
    public var sort: SortMode
    /// True when the user froze the screen (`p`); the program keeps the last model while paused.
    public var paused: Bool
    public var showsHelp: Bool

    public init(mode: DashboardMode = .fleet, focus: DashboardFocus = .processes, processSelection: Int = 0,
                nodeSelection: Int = 0, alertSelection: Int = 0, detailSelection: Int = 0, filter: String = "",
                isEditingFilter: Bool = false, sort: SortMode = .rank, paused: Bool = false, showsHelp: Bool = false) {
        self.mode = mode
        self.focus = focus
        self.processSelection = processSelection
        self.nodeSelection = nodeSelection
        self.alertSelection = alertSelection
        self.detailSelection = detailSelection
        self.filter = filter
        self.isEditingFilter = isEditingFilter
        self.sort = sort
        self.paused = paused
        self.showsHelp = showsHelp
    }
}
