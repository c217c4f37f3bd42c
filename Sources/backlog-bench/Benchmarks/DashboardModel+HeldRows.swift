import Dashboard

extension DashboardModel {
    /// This model with its processes in the order `earlier` had them: the rows of the frame
    /// before, showing this frame's figures (processes new since then go after them, in rank
    /// order). What a frame is when only values change.
    func keepingProcessOrder(of earlier: DashboardModel) -> DashboardModel {
        var place: [ProcessIdentity: Int] = [:]
        place.reserveCapacity(earlier.processes.count)
        for (index, row) in earlier.processes.enumerated() { place[row.process] = index }
        var model = self
        model.processes = processes.enumerated()
            .sorted { (place[$0.element.process] ?? Int.max, $0.offset) < (place[$1.element.process] ?? Int.max, $1.offset) }
            .map(\.element)
        return model
    }
}
