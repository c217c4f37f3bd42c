import History
import Probe

/// What the agent remembers between cycles.
struct RuntimeState: Sendable {
    var config: AgentConfig
    var store: HistoryStore?
    var lastStoreError: String?
    var cyclesWithoutStore = 0
    /// Whether `start()` started the threads, so a receivers section added by a reload starts delivery too.
    var running = false
    var nodes: [NodeHealth] = []
    /// Whether each target answered last cycle, to log only changes.
    var targetUp: [String: Bool] = [:]
    /// Targets whose new series the series budget refused last cycle, to log each episode once.
    var refusedTargets: Set<String> = []

    init(config: AgentConfig) { self.config = config }

    /// Records whose new series were refused and returns the targets that started and stopped being refused.
    mutating func recordRefusals(_ refused: [String: Int]) -> (started: [String], ended: [String]) {
        let now = Set(refused.keys)
        defer { refusedTargets = now }
        return (now.subtracting(refusedTargets).sorted(), refusedTargets.subtracting(now).sorted())
    }

    /// Records who is up and returns the targets whose state changed (new targets only when down).
    mutating func recordTargets(_ scrapes: [TargetScrape]) -> [(TargetScrape, Bool)] {
        var changes: [(TargetScrape, Bool)] = []
        var next: [String: Bool] = [:]
        for scrape in scrapes {
            let previous = targetUp[scrape.target.url]
            if previous != scrape.isUp && (previous != nil || !scrape.isUp) { changes.append((scrape, scrape.isUp)) }
            next[scrape.target.url] = scrape.isUp
        }
        targetUp = next
        return changes
    }
}
