import Foundation
import Probe
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

extension ExporterTests {
    /// Two distributed nodes: the peer is stopped while the sender keeps sending.
    @Suite struct DistributionLinks {
        @Test func aStoppedPeerBacksUpTheSendersLinkUntilItResumes() throws {
            let tag = UInt32.random(in: 0...UInt32.max)
            let peer = try ErlangNode(ErlangNode.Configuration(
                shortName: "backlog_peer_\(tag)", setup: ["register(sink, spawn(backlog_test_control, sink, []))"],
                exporterOptions: nil))
            let sender = try ErlangNode(ErlangNode.Configuration(
                shortName: "backlog_sender_\(tag)", exporterOptions: ["scan_interval_ms => 100"]))
            defer {
                sender.stop()
                peer.stop()
            }
            try sender.connect(to: peer)
            let transport = CurlTransport()
            let link = ["peer": peer.nodeName]
            func scrape() throws -> ExporterScrape { try ExporterScrape.fetch(sender.metricsURL, with: transport) }

            #expect(try waitUntil { try scrape().value(ExporterMetric.distQueueBytes, link) == 0 }, "an idle link")
            #expect(try scrape().value(ExporterMetric.distBusy, link) == 0)
            #expect(try scrape().value(ExporterMetric.distBusyLimit) == 1_048_576)

            let peerProcess = try peer.osProcessID()
            kill(peerProcess, SIGSTOP)
            defer { kill(peerProcess, SIGCONT) }
            try sender.eval("Flood = spawn(backlog_test_control, send_forever, [{sink, '\(peer.nodeName)'}, 1000000])")
            #expect(try waitUntil {
                let now = try scrape()
                return (now.value(ExporterMetric.distQueueBytes, link) ?? 0) > 0 && now.value(ExporterMetric.distBusy, link) == 1
            }, "bytes queue up and the link turns busy")

            kill(peerProcess, SIGCONT)
            try sender.eval("exit(Flood, kill)")
            #expect(try waitUntil {
                let now = try scrape()
                return now.value(ExporterMetric.distQueueBytes, link) == 0 && now.value(ExporterMetric.distBusy, link) == 0
            }, "the queue drains once the peer runs again")
        }
    }
}
