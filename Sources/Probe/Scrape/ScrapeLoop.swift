import Foundation
import ConfigFile
public import TimeSeries

/// Runs poll cycles on their own thread, on the interval grid, and hands each finished cycle on.
///
/// The handler is a function, not a concrete consumer, so storing, alerting and drawing stay
/// downstream of polling; it runs on the loop's thread and should hand work off quickly. Time
/// comes from a `LoopClock`, so tests move it by hand; `runCycle(at:)` is one cycle as a step.
// Unchecked: config, resolver, schedule and the flags are only touched while `condition` is
// locked, and the scraper only while `cycleLock` is held.
public final class ScrapeLoop: @unchecked Sendable {
    public typealias CycleHandler = @Sendable (ScrapeCycle) -> Void

    private let condition = NSCondition()
    /// Held for a whole cycle, so a cycle called as a step never overlaps the thread's.
    private let cycleLock = NSLock()
    private let clock: any LoopClock
    /// Cuts the wait for the next tick short when the loop is stopped.
    private let alarm = LoopAlarm()
    private var config: ScrapeConfig
    private var resolver: TargetResolver
    private var schedule: CycleSchedule
    private var started = false
    private var stopping = false
    private var finished = false
    private let scraper: Scraper
    private let onCycle: CycleHandler

    public init(
        config: ScrapeConfig, scraper: Scraper = Scraper(), clock: any LoopClock = SystemLoopClock(),
        onCycle: @escaping CycleHandler
    ) {
        self.config = config
        self.resolver = TargetResolver(groups: config.groups)
        self.schedule = CycleSchedule(interval: config.interval)
        self.scraper = scraper
        self.clock = clock
        self.onCycle = onCycle
    }

    /// Starts polling on a new thread.
    public func start() {
        condition.lock()
        started = true
        condition.unlock()
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

    /// Lets the cycle in flight finish, then returns once the loop has stopped (at once when it
    /// never started).
    public func stop() {
        condition.lock()
        stopping = true
        condition.unlock()
        alarm.signal()
        condition.lock()
        while started && !finished { condition.wait() }
        condition.unlock()
    }

    /// Ticks that passed while a slow cycle was still running.
    public var missedTicks: Int {
        condition.lock()
        defer { condition.unlock() }
        return schedule.missedTicks
    }

    /// Polls every target of the shard once, stamped `tick`, and hands the cycle on, on the
    /// calling thread. Targets are resolved and sharded afresh each cycle, so a targets file or
    /// a reload that moves a target out of the shard retires it like a removed one.
    public func runCycle(at tick: Timestamp) {
        condition.lock()
        let (resolved, problems) = resolver.resolve()
        let timeout = config.timeout
        let shard = config.shard
        condition.unlock()
        let (targets, others) = shard.split(resolved)
        cycleLock.lock()
        defer { cycleLock.unlock() }
        let started = MonotonicClock.nanoseconds()
        let retired = scraper.retireTargets(otherThan: targets, at: tick)
        let scrapes = scraper.scrape(targets, timeout: timeout, at: tick)
        let duration = Double(MonotonicClock.nanoseconds() - started) / 1e9
        onCycle(ScrapeCycle(
            timestamp: tick, scrapes: scrapes, configProblems: problems, duration: duration, retiredSamples: retired,
            shard: shard, otherShardsTargets: others))
    }

    private func run() {
        while let tick = waitForNextTick() { runCycle(at: tick) }
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for the next tick on the grid; nil once the loop is stopping.
    private func waitForNextTick() -> Timestamp? {
        condition.lock()
        let tick = schedule.nextTick(now: clock.now())
        while !stopping && clock.now() < tick {
            condition.unlock()
            clock.wait(until: tick, or: alarm)
            condition.lock()
        }
        defer { condition.unlock() }
        return stopping ? nil : tick
    }
}
