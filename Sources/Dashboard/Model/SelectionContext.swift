/// What the reducer needs to know about the screen to move a selection: how many rows each list
/// has after filtering, how many rows a page is, and what the current selections point at.
public struct SelectionContext: Hashable, Sendable {
    public var processCount: Int
    public var nodeCount: Int
    public var alertCount: Int
    /// Processes listed in the node detail view.
    public var detailProcessCount: Int
    /// Rows PgUp/PgDn move by.
    public var pageSize: Int
    /// The node under the node selection (Enter opens it).
    public var selectedNodeName: String?
    /// The node of the process under the process selection (Enter opens it).
    public var selectedProcessNode: String?

    public init(processCount: Int = 0, nodeCount: Int = 0, alertCount: Int = 0, detailProcessCount: Int = 0, pageSize: Int = 10,
                selectedNodeName: String? = nil, selectedProcessNode: String? = nil) {
        self.processCount = processCount
        self.nodeCount = nodeCount
        self.alertCount = alertCount
        self.detailProcessCount = detailProcessCount
        self.pageSize = pageSize
        self.selectedNodeName = selectedNodeName
        self.selectedProcessNode = selectedProcessNode
    }
}
