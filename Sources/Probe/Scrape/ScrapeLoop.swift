import Foundation
import ConfigFile
public import TimeSeries

/// Runs poll cycles on their own thread, on the interval grid, and hands each finished cycle on.
///
/// The handler is a function, not a concrete consumer, so storing, alerting and drawing stay
/// downstream of polling; it runs on the loop's thread and should hand work off quickly.
public final class ScrapeLoop: @unchecked Sendable {
    public typealias CycleHandler = @Sendable (ScrapeCycle) -> Void

    private let condition = NSCondition()
    private var config: ScrapeConfig
    private var resolver: TargetResolver
    private var schedule: CycleSchedule
    private var stopping = false
    private var finished = false
    private let scraper: Scraper
    private let onCycle: CycleHandler

    public init(config: ScrapeConfig, scraper: Scraper = Scraper(), onCycle: @escaping CycleHandler) {
        self.config = config
        self.resolver = TargetResolver(groups: config.groups)
        self.schedule = CycleSchedule(interval: config.interval)
        self.scraper = scraper
        self.onCycle = onCycle
    }

    /// Starts polling on a new thread.
    public func start() {
        let thread = Thread { [self] in run() }
        thread.name = "backlog-scrape"
        thread.start()
    }

    /// Applies a new config from the next cycle on; connections and targets-file state are kept.
    public func reload(_ newConfig: ScrapeConfig) {
        condition.lock()
        config = newConfig
        resolver.update(groups: newConfig.groups)
        if newConfig.interval != schedule.interval { schedule = CycleSchedule(interval: newConfig.interval) }
        condition.unlock()
    }

    /// Lets the cycle in flight finish, then returns once the loop has stopped.
    public func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }

    /// Ticks that passed while a slow cycle was still running.
    public var missedTicks: Int {
        condition.lock()
        defer { condition.unlock() }
        return schedule.missedTicks
    }

    private func run() {
        while let (tick, targets, problems, timeout) = waitForNextTick() {
            let started = MonotonicClock.nanoseconds()
            let retired = scraper.retireTargets(otherThan: targets, at: tick)
            let scrapes = scraper.scrape(targets, timeout: timeout, at: tick)
            let duration = Double(MonotonicClock.nanoseconds() - started) / 1e9
            onCycle(ScrapeCycle(timestamp: tick, scrapes: scrapes, configProblems: problems, duration: duration, retiredSamples: retired))
        }
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    private func waitForNextTick() -> (Timestamp, [ScrapeTarget], [ConfigError], PromDuration)? {
        condition.lock()
        defer { condition.unlock() }
        let tick = schedule.nextTick(now: Timestamp.now())
        while !stopping {
            let wait = Double((tick - Timestamp.now()).milliseconds) / 1000
            if wait <= 0 { break }
            _ = condition.wait(until: Date(timeIntervalSinceNow: wait))
        }
        if stopping { return nil }
        let (targets, problems) = resolver.resolve()
        return (tick, targets, problems, config.timeout)
    }
}
