import Alerting
public import History
import Query
import TimeSeries

extension AlertingSetup {
    /// The history options with the heads' span bounded by the poll interval (`maxHeadSpan`), and
    /// the in-memory window widened, when needed, to the furthest any rule reads back (its longest
    /// range and offset, plus the lookback), so rule reads stay in memory.
    ///
    /// Rule files that do not load leave the options as they are: alerting reports them itself.
    /// Rules pinned with `@` read what they read from the file; they do not size the window.
    public static func historyOptions(_ config: AgentConfig) -> HistoryOptions {
        var options = config.history
        // What a full chunk takes at the poll interval, and a quarter more: heads of series that
        // report less often than the poll are cut by then, so the tail stays that short.
        let chunkTime = config.scrape.interval.milliseconds.multipliedReportingOverflow(by: Int64(options.chunkSamples * 5 / 4))
        if !chunkTime.overflow { options.maxHeadSpan = PromDuration(milliseconds: chunkTime.partialValue) }
        guard let rules = try? RuleSet.load(paths: config.ruleFiles) else { return options }
        let lookback = engineOptions(config).query.lookbackDelta
        var furthest = options.memoryWindow.milliseconds
        for group in rules.groups {
            for rule in group.rules {
                guard let reach = rule.expr.lookbehind(lookback: lookback) else { continue }
                furthest = max(furthest, reach.milliseconds)
            }
        }
        options.memoryWindow = PromDuration(milliseconds: furthest)
        return options
    }
}
