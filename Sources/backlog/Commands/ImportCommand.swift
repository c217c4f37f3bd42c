import ArgumentParser
import Foundation
import History
import Probe
import TimeSeries

/// `backlog import`: load an OpenMetrics file with timestamps into the history.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load OpenMetrics text with timestamps into the history.",
        discussion: """
            Takes the input `promtool tsdb create-blocks-from openmetrics` takes: OpenMetrics text \
            ending in `# EOF`, every sample with a timestamp (in seconds). Prometheus text (timestamps \
            in milliseconds) is read when the file does not end in `# EOF`. Samples may come in any \
            order. Stop any agent writing the same file first.
            """)

    @Argument(help: "The file to import (- for standard input).")
    var file: String

    @Option(name: .long, help: "The history file.")
    var db: String = "backlog.db"

    func run() async throws {
        let bytes = try readInput()
        let format: ExpositionFormat = Self.endsWithEOF(bytes) ? .openMetrics : .prometheusText
        let progress = ProgressLine()
        let samples = try parse(bytes, format: format, progress: progress)
        progress.finish()
        guard !samples.isEmpty else { throw CommandFailure("\(file): no samples to import") }
        let store: HistoryStore
        do { store = try HistoryStore(path: db) } catch { throw CommandFailure(error.description) }
        defer { store.close() }
        do {
            let summary = try store.importSamples(samples) { done, total in
                progress.update("storing", done: done, total: total)
            }
            progress.finish()
            try store.flush()
            var report = "imported \(summary.imported) samples into \(db) (\(summary.newSeries) new series)"
            if summary.duplicates > 0 { report += "; \(summary.duplicates) duplicates skipped" }
            print(report)
        } catch {
            progress.finish()
            throw CommandFailure(error.description)
        }
    }

    private func readInput() throws -> [UInt8] {
        if file == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CommandFailure("\(file): cannot read file (does it exist?)")
        }
        return Array(data)
    }

    /// Parses every sample, failing at the first one without a timestamp: an import has no "now" to give it.
    private func parse(_ bytes: [UInt8], format: ExpositionFormat, progress: ProgressLine) throws -> [Sample] {
        var parser = ExpositionParser(bytes: bytes, format: format)
        var samples: [Sample] = []
        var count = 0
        do {
            while let entry = try parser.next() {
                guard case .sample(let sample, _) = entry else { continue }
                guard sample.timestamp != nil else {
                    throw CommandFailure(
                        "\(file):\(parser.currentLine): sample \(sample.labels) has no timestamp — every imported sample needs one")
                }
                samples.append(sample)
                count += 1
                if count % 100_000 == 0 { progress.update("parsing", done: parser.bytesConsumed, total: bytes.count) }
            }
        } catch let error as ExpositionParseError {
            progress.finish()
            throw CommandFailure("\(file):\(error.line):\(error.column): \(error.message)")
        }
        progress.update("parsing", done: bytes.count, total: bytes.count)
        return samples
    }

    static func endsWithEOF(_ bytes: [UInt8]) -> Bool {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D || bytes[end - 1] == 0x20 { end -= 1 }
        return end >= 5 && Array(bytes[(end - 5)..<end]) == Array("# EOF".utf8)
    }
}
