/// One distribution link that backs up: the peer stops taking what a node sends it, so bytes
/// queue on the link until it is busy (every sender to the peer is suspended), and it stays busy
/// until the peer catches up and the queue drains.
struct DistributionBackup: Sendable {
    /// The sending node.
    let node: Int
    /// The node it cannot send to.
    let peer: Int
    /// Cycle seconds: bytes start to queue, the peer starts to take them again, the queue is empty.
    let risesFrom: Int
    let fallsFrom: Int
    let goneAt: Int
    /// Bytes queued per second while it backs up.
    let bytesPerSecond: Int

    /// Bytes queued on the link at a cycle second, at most `busyLimit` plus what one second adds
    /// (senders are suspended from the limit on); nil outside the incident.
    func queuedBytes(node: Int, peer: Int, atCycleSecond second: Int, busyLimit: Int) -> Int? {
        guard node == self.node, peer == self.peer else { return nil }
        switch second {
        case risesFrom..<fallsFrom:
            return min(bytesPerSecond * (second - risesFrom + 1), busyLimit + bytesPerSecond / 2)
        case fallsFrom..<goneAt:
            return busyLimit * (goneAt - second - 1) / (goneAt - fallsFrom)
        default:
            return nil
        }
    }
}

/// One link from a node to a connected peer, as `erlang_vm_dist_queue_bytes` and `erlang_vm_dist_busy` report it.
public struct DistributionLink: Sendable, Hashable {
    /// The peer's node name.
    public let peer: String
    public let queuedBytes: Int
    public let isBusy: Bool
}
