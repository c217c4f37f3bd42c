/// A run of processes in a roster that share a behavior; roles repeat when the group outnumbers them.
struct ProcessGroup: Sendable {
    let roles: [ProcessRole]
    let count: Int
    let behavior: QueueBehavior

    init(_ roles: [ProcessRole], count: Int? = nil, behavior: QueueBehavior) {
        precondition(!roles.isEmpty, "a process group needs at least one role")
        self.roles = roles
        self.count = count ?? roles.count
        self.behavior = behavior
    }

    init(_ role: ProcessRole, count: Int = 1, behavior: QueueBehavior) {
        self.init([role], count: count, behavior: behavior)
    }

    func role(at offset: Int) -> ProcessRole { roles[offset % roles.count] }
}
