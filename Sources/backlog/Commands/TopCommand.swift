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

    @OptionGroup var source: SourceOptions

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
        if threshold <= 0 { throw ValidationError("--threshold must be above 0") }
    }

    func run() async throws {
        guard let time = TimeArgument.parse(at, now: Timestamp.now()) else { throw TimeArgument.failure("--at", at) }
        let entity = BacklogMetric.erlangMailboxes.entity
        let (series, details) = try loadSeries(at: time)
        let ranked = Array(BottleneckRanking.rank(series, threshold: threshold, entity: entity, at: time, details: details).prefix(limit))
        switch format {
        case .json: print(TopJSON.render(ranked))
        case .table:
            guard !ranked.isEmpty else {
                let origin = source.settings?.shownURL ?? db
                FileHandle.standardError.write(Data("no \(metric) samples within 5m before \(TimeArgument.format(time)) in \(origin)\n".utf8))
                return
            }
            print(TopTable.render(ranked, at: time), terminator: "")
        }
    }
}

extension TopCommand {
    /// The backlog series over the ranking's window, and the details of their processes: from
    /// `--source` when given, else from the history.
    private func loadSeries(at time: Timestamp) throws -> ([BacklogSeries], [ProcessKey: ProcessDetail]) {
        if let settings = source.settings {
            do {
                let api = settings.api()
                return (try SourceBacklogLoader.load(from: api, metric: metric, at: time), try SourceBacklogLoader.loadDetails(from: api, at: time))
            } catch {
                throw CommandFailure(error.description)
            }
        }
        let reader = try HistoryFile.openReader(db)
        defer { reader.close() }
        return (try BacklogSeriesLoader.load(from: reader, metric: metric, at: time), try BacklogSeriesLoader.loadDetails(from: reader, at: time))
    }
}

/// `--format` for `top`.
enum TopFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}
