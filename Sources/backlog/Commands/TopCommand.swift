import ArgumentParser
import Foundation
import History
import Ranking
import TimeSeries

/// `backlog top`: the largest and fastest-growing backlogs at a moment, ranked as the dashboard ranks them.
struct TopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "top",
        abstract: "Rank process backlogs at a moment: the next bottleneck first.",
        discussion: """
            Processes already over the threshold come first, fastest-growing first; then those \
            approaching it (at least a tenth of the way there, clearly growing, due within an \
            hour at their growth over the last minute), soonest first; then the rest by size.
            """)

    @Option(name: .long, help: "The moment to rank (default now): RFC 3339, unix seconds, or now-1h.")
    var at: String = "now"

    @Option(name: .long, help: "How many processes to list.")
    var limit: Int = 20

    @Option(name: .long, help: "The backlog metric.")
    var metric: String = BacklogMetric.erlangMailboxes.metric

    @Option(name: .long, help: "The queue length that counts as a problem.")
    var threshold: Double = BacklogMetric.erlangMailboxes.threshold

    @Option(name: .long, help: "The summed queue of a process type (all its processes) that counts as a problem.")
    var typeThreshold: Double = BacklogMetric.erlangProcessTypes.threshold

    @Option(name: .long, help: "The history file.")
    var db: String = "backlog.db"

    @Option(name: .long, help: "Output: table or json.")
    var format: TopFormat = .table

    @Flag(name: .long, help: "Ask the nodes of the first 10 processes for their evidence now (GET /process) and show each verdict.")
    var evidence = false

    @OptionGroup var source: SourceOptions

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
        if threshold <= 0 { throw ValidationError("--threshold must be above 0") }
        if typeThreshold <= 0 { throw ValidationError("--type-threshold must be above 0") }
    }

    func run() async throws {
        guard let time = TimeArgument.parse(at, now: Timestamp.now()) else { throw TimeArgument.failure("--at", at) }
        let metrics = [
            BacklogMetric(metric: metric, entity: BacklogMetric.erlangMailboxes.entity, threshold: threshold),
            BacklogMetric(metric: BacklogMetric.erlangProcessTypes.metric, entity: BacklogMetric.erlangProcessTypes.entity, threshold: typeThreshold),
        ]
        let (series, details, stored) = try loadSeries(at: time)
        let ranked = Array(BottleneckRanking.rank(series, metrics: metrics, at: time, details: details).prefix(limit))
        var shown = stored
        if evidence {
            let (live, problems) = shown.askingLive(ranked)
            shown = live
            for problem in problems { FileHandle.standardError.write(Data((problem + "\n").utf8)) }
        }
        switch format {
        case .json: print(TopJSON.render(ranked, evidence: shown))
        case .table:
            guard !ranked.isEmpty else {
                let origin = source.settings?.shownURL ?? db
                FileHandle.standardError.write(Data("no \(metric) samples within 5m before \(TimeArgument.format(time)) in \(origin)\n".utf8))
                return
            }
            print(TopTable.render(ranked, at: time, evidence: shown), terminator: "")
        }
    }
}

extension TopCommand {
    /// The backlog series over the ranking's window (the processes', then the process types'
    /// with their counts), the details of the processes, and the evidence the agent stored for
    /// alerts: from `--source` when given (which holds no evidence), else from the history.
    private func loadSeries(at time: Timestamp) throws -> ([BacklogSeries], [ProcessKey: ProcessDetail], EvidenceColumn) {
        let types = BacklogMetric.erlangProcessTypes.metric
        if let settings = source.settings {
            do {
                let api = settings.api()
                let counts = try SourceBacklogLoader.loadTypeCounts(from: api, at: time)
                let series = try SourceBacklogLoader.load(from: api, metric: metric, at: time)
                    + SourceBacklogLoader.load(from: api, metric: types, at: time).map(counts.applied)
                return (series, try SourceBacklogLoader.loadDetails(from: api, at: time), EvidenceColumn())
            } catch {
                throw CommandFailure(error.description)
            }
        }
        let reader = try HistoryFile.openReader(db)
        defer { reader.close() }
        let stored = EvidenceColumn(stored: (try? reader.latestEvidencePerProcess()) ?? [])
        let counts = try BacklogSeriesLoader.loadTypeCounts(from: reader, at: time)
        let series = try BacklogSeriesLoader.load(from: reader, metric: metric, at: time)
            + BacklogSeriesLoader.load(from: reader, metric: types, at: time).map(counts.applied)
        return (series, try BacklogSeriesLoader.loadDetails(from: reader, at: time), stored)
    }
}

/// `--format` for `top`.
enum TopFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}
