/// The processes of one node, by index: a few named groups first, then an idle pool filling the rest.
///
/// Every node of a fleet shares one roster, so it is built once; only the seed-derived pids and the
/// scenario's events tell the nodes apart.
struct ProcessRoster: Sendable {
    /// The groups that are evaluated every second, in index order, already cut to fit the process count.
    let activeGroups: [ProcessGroup]
    /// The roles the idle pool cycles through.
    let poolRoles: [ProcessRole]
    /// The first index of the idle pool; every process below it is evaluated every second.
    let poolStart: Int
    /// How many processes the node runs.
    let count: Int

    private let groupStarts: [Int]

    /// Lays the groups out in order and gives the remaining indices to an idle pool of `poolRoles`.
    init(processCount: Int, groups: [ProcessGroup], poolRoles: [ProcessRole]) {
        var kept: [ProcessGroup] = []
        var starts: [Int] = []
        var next = 0
        for group in groups where next < processCount {
            let count = min(group.count, processCount - next)
            starts.append(next)
            kept.append(ProcessGroup(group.roles, count: count, behavior: group.behavior))
            next += count
        }
        activeGroups = kept
        groupStarts = starts
        self.poolRoles = poolRoles
        poolStart = next
        count = processCount
    }

    var poolCount: Int { count - poolStart }

    func role(of index: Int) -> ProcessRole {
        if index >= poolStart { return poolRoles[(index - poolStart) % poolRoles.count] }
        let group = groupIndex(containing: index)
        return activeGroups[group].role(at: index - groupStarts[group])
    }

    func behavior(of index: Int) -> QueueBehavior {
        index >= poolStart ? .idle : activeGroups[groupIndex(containing: index)].behavior
    }

    /// The index of the first process registered under `name`, if the roster has one.
    func index(ofRegisteredName name: String) -> Int? {
        for (group, start) in zip(activeGroups, groupStarts) {
            for offset in 0..<min(group.count, group.roles.count) where group.roles[offset].name == name {
                return start + offset
            }
        }
        return nil
    }

    private func groupIndex(containing index: Int) -> Int {
        // A handful of groups: a linear scan beats a binary search's branches.
        var group = groupStarts.count - 1
        while groupStarts[group] > index { group -= 1 }
        return group
    }
}
