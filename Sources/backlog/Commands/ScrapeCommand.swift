import ArgumentParser
import Foundation
import Probe
import TimeSeries

/// `backlog scrape`: fetch and parse once, to see what a target exports.
struct ScrapeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scrape",
        abstract: "Fetch and parse an exposition once.",
        discussion: """
            Targets are URLs or host:port (which means http://host:port/metrics). All targets are \
            fetched at once; each target's samples carry an `instance` label. Exits 1 if any target \
            fails or any body does not parse, naming the URL (or file) and line:column.
            """)

    @Argument(help: "Targets to fetch: URLs, or host:port.")
    var urls: [String] = []

    @Option(name: .long, help: "Parse a file instead of fetching (- for standard input).")
    var file: String?

    @Flag(name: .long, help: "Check strictly against OpenMetrics 1.0: its grammar and its rules for families, types and values.")
    var openmetrics = false

    @Option(name: .long, help: "Output: table, json or summary.")
    var format: SampleFormat = .table

    @Option(name: .long, help: "Give up on a target after this long (such as 800ms, 5s).")
    var timeout: String = "10s"

    @Option(name: .long, help: "Send a bearer token read from this file.")
    var bearerTokenFile: String?

    @Option(name: .long, help: "Trust this CA certificate file for https targets.")
    var caFile: String?

    @Flag(name: .long, help: "Do not verify https certificates (only on a network you trust).")
    var insecureSkipVerify = false

    @Option(name: .long, help: "Largest body to accept, in bytes (default 64 MiB).")
    var maxBodyBytes: Int = HTTPRequestSpec.defaultMaxBodyBytes

    func validate() throws {
        if file == nil && urls.isEmpty { throw ValidationError("give one or more URLs, or --file FILE") }
        if file != nil && !urls.isEmpty { throw ValidationError("give URLs or --file, not both") }
        if PromDuration(parsing: timeout) == nil {
            throw ValidationError("--timeout \"\(timeout)\" is not a duration — write it like 800ms or 5s")
        }
        if maxBodyBytes <= 0 { throw ValidationError("--max-body-bytes must be above 0") }
    }

    func run() async throws {
        if let file {
            try scrapeFile(file)
        } else {
            try scrapeTargets()
        }
    }

    private func scrapeFile(_ path: String) throws {
        let bytes: [UInt8]
        if path == "-" {
            bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
        } else {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CommandFailure("\(path): cannot read file (does it exist?)")
            }
            bytes = Array(data)
        }
        let format: ExpositionFormat = openmetrics || path.hasSuffix(".om") ? .openMetrics : .prometheusText
        let started = MonotonicClock.nanoseconds()
        do {
            let exposition = try ParsedExposition.parse(bytes, format: format, strict: openmetrics)
            let seconds = Double(MonotonicClock.nanoseconds() - started) / 1e9
            print(render(exposition.samples, exposition: exposition, source: path, format: format, seconds: seconds), terminator: "")
        } catch {
            throw CommandFailure("\(path):\(error.line):\(error.column): \(error.message)")
        }
    }

    private func scrapeTargets() throws {
        var targets = urls.map { ScrapeTarget(commandLineURL: $0) }
        for index in targets.indices {
            targets[index].maxBodyBytes = maxBodyBytes
            targets[index].tls = TLSOptions(caFile: caFile, insecureSkipVerify: insecureSkipVerify)
            if let bearerTokenFile { targets[index].credentials = .bearerTokenFile(bearerTokenFile) }
        }
        let results = Scraper().fetch(targets, timeout: PromDuration(parsing: timeout)!, strictOpenMetrics: openmetrics)
        var failures: [String] = []
        var allSamples: [Sample] = []
        var outputs: [String] = []
        for (target, result) in zip(targets, results) {
            switch result {
            case .failure(let failure): failures.append(failure.error.description)
            case .success(let fetched):
                let samples = fetched.exposition.samples.map { sample in
                    var labelled = sample
                    labelled.labels = sample.labels.setting("instance", target.instance)
                    return labelled
                }
                allSamples += samples
                outputs.append(render(samples, exposition: fetched.exposition, source: target.url, format: fetched.format,
                                      seconds: fetched.parseDuration))
            }
        }
        if format == .json {
            print(SampleJSON.render(allSamples), terminator: "")
        } else {
            print(outputs.joined(separator: "\n"), terminator: "")
        }
        if !failures.isEmpty { throw CommandFailure(failures.joined(separator: "\n")) }
    }

    private func render(_ samples: [Sample], exposition: ParsedExposition, source: String, format: ExpositionFormat, seconds: Double)
        -> String
    {
        switch self.format {
        case .table: SampleTable.render(samples, source: source)
        case .json: SampleJSON.render(samples)
        case .summary: ExpositionSummary.render(exposition, source: source, format: format, parseSeconds: seconds)
        }
    }
}
