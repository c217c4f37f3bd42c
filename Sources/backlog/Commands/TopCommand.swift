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
    }

    func run() async throws {
        guard let time = TimeArgument.parse(at, now: Timestamp.now()) else { throw TimeArgument.failure("--at", at) }
        let entity = BacklogMetric.erlangMailboxes.entity
        let (series, stored) = try loadSeries(at: time)
        let ranked = Array(BottleneckRanking.rank(series, threshold: threshold, entity: entity, at: time).prefix(limit))
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
    /// The backlog series over the ranking's window: from `--source` when given, else from the
    /// history, with the evidence the agent stored for alerts.
    private func loadSeries(at time: Timestamp) throws -> ([BacklogSeries], EvidenceColumn) {
        if let settings = source.settings {
            do { return (try SourceBacklogLoader.load(from: settings.api(), metric: metric, at: time), EvidenceColumn()) } catch {
                throw CommandFailure(error.description)
            }
        }
        let reader = try HistoryFile.openReader(db)
        defer { reader.close() }
        let stored = EvidenceColumn(stored: (try? reader.latestEvidencePerProcess()) ?? [])
        return (try BacklogSeriesLoader.load(from: reader, metric: metric, at: time), stored)
    }
}

/// `--format` for `top`.
enum TopFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}
