extension FleetSimulation {
    /// The VM's default `+zdbbl`: bytes queued to a peer at which its link turns busy.
    static let distributionBusyLimit = 1_048_576
    /// Links per node: every other node of a small fleet (a full mesh), the next ones in a ring of a large one.
    static let maximumPeers = 9

    /// The node's links to the peers that are up: usually empty, now and then a few kilobytes in
    /// flight, and the scripted backup.
    func distributionLinks(node: Int, second: Int) -> [DistributionLink] {
        let peers = Swift.min(Self.maximumPeers, nodeCount - 1)
        guard peers > 0 else { return [] }
        var links: [DistributionLink] = []
        links.reserveCapacity(peers)
        let cycleSecond = script.cycleSecond(second)
        for offset in 1...peers {
            let peer = (node + offset) % nodeCount
            // A node that is down has no connections: its peers have dropped their links to it.
            guard isUp(node: peer, atSecond: second) else { continue }
            let bytes = script.distribution?.queuedBytes(node: node, peer: peer, atCycleSecond: cycleSecond, busyLimit: Self.distributionBusyLimit)
                ?? inFlightBytes(node: node, peer: peer, second: second)
            links.append(DistributionLink(peer: nodeName(peer), queuedBytes: bytes, isBusy: bytes >= Self.distributionBusyLimit))
        }
        return links
    }

    /// One second in eight a healthy link holds a message or two on their way out.
    private func inFlightBytes(node: Int, peer: Int, second: Int) -> Int {
        let bits = noise.bits(.distribution, node, peer, second)
        return bits % 8 == 0 ? 200 + Int((bits >> 8) % 6_000) : 0
    }
}
