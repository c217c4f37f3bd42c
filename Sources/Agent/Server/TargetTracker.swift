import Probe
import Synchronization
import TimeSeries

/// The last poll of each target, kept from the cycles the agent hands its observers, for
/// `/api/v1/targets`.
final class TargetTracker: Sendable {
    /// One target's last poll.
    struct LastScrape: Sendable {
        var target: ScrapeTarget
        var time: Timestamp
        var duration: Double
        var error: String?
    }

    private let last = Mutex<(scrapes: [LastScrape], otherShards: [ScrapeTarget])>(([], []))

    func record(_ cycle: ScrapeCycle) {
        let scrapes = cycle.scrapes.map { scrape in
            LastScrape(target: scrape.target, time: scrape.timestamp, duration: scrape.duration, error: scrape.error?.reason)
        }
        last.withLock { $0 = (scrapes, cycle.otherShardsTargets) }
    }

    var scrapes: [LastScrape] { last.withLock { $0.scrapes } }

    /// The targets the last cycle left to other shards: Prometheus lists those a `hashmod`
    /// relabelling drops as dropped targets.
    var otherShards: [ScrapeTarget] { last.withLock { $0.otherShards } }
}
