/// One process blocked elsewhere, so its mailbox grows steadily; later it recovers and drains.
struct MailboxStall: Sendable {
    let node: Int
    let processName: String
    /// Messages per second while it grows; the drain empties the mailbox by `goneAt`.
    let growth: LinearRamp
    /// Extra messages on top of the steady growth, below half the growth per second so that the
    /// length still rises every single second.
    let jitter: Int

    /// The length the stall dictates at a cycle second, and whether the process is blocked then;
    /// nil outside the incident, when the process behaves like any other.
    func length(atCycleSecond second: Int, jitterDraw: Int) -> (length: Int, stalled: Bool)? {
        switch growth.phase(at: second) {
        case .rising(let backlog): (backlog + jitterDraw, true)
        case .falling(let backlog): (backlog, false)
        case nil: nil
        }
    }
}
