/// One process blocked elsewhere, so its mailbox grows steadily; later it recovers and drains.
struct MailboxStall: Sendable {
    let node: Int
    let processName: String
    let growsFrom: Int
    let messagesPerSecond: Int
    let drainsFrom: Int
    let drainedAt: Int
    /// Extra messages on top of the steady growth, below `messagesPerSecond / 2` so that the length
    /// still rises every single second.
    let jitter: Int

    /// The length the stall dictates at a cycle second, and whether the process is blocked then;
    /// nil outside the incident, when the process behaves like any other.
    func length(atCycleSecond second: Int, jitterDraw: Int) -> (length: Int, stalled: Bool)? {
        switch second {
        case growsFrom..<drainsFrom:
            return (messagesPerSecond * (second - growsFrom) + jitterDraw, true)
        case drainsFrom..<drainedAt:
            let backlog = messagesPerSecond * (drainsFrom - growsFrom)
            return (backlog * (drainedAt - second) / (drainedAt - drainsFrom), false)
        default:
            return nil
        }
    }
}
