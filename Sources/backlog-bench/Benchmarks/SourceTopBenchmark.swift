import Foundation
import TestSupport
import TimeSeries

/// How long `backlog top --source` takes over a real VictoriaMetrics holding 20,000 process
/// series: the command as a user runs it, process start, request, answer and ranking included.
enum SourceTopBenchmark {
    static let seriesCount = 20_000
    /// Six minutes (the ranking's window) at a 15 s scrape interval.
    static let samplesPerSeries = 24
    static let scrapeMilliseconds: Int64 = 15_000

    static func run() -> [BenchmarkResult] {
        let directory = NSTemporaryDirectory() + "backlog-bench-source-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store: StoreServer
        do { store = try StoreServer.start(.victoriaMetrics, directory: "\(directory)/vm", arguments: ["-search.maxUniqueTimeseries=1000000"]) } catch {
            FileHandle.standardError.write(Data("source_top_ms: skipped, \(error)\n".utf8))
            return []
        }
        defer { store.stop() }
        let url = store.url
        let end: Int64 = 1_764_000_000_000
        load(url: url, directory: directory, end: end)
        waitFor("VictoriaMetrics holds \(seriesCount) series") {
            _ = curl(["\(url)/internal/force_flush"])
            // At least: VictoriaMetrics may count a series twice while it merges what it imported.
            return seriesCountAnswer(curl(["\(url)/api/v1/series/count"])) >= seriesCount + 10
        }
        var times: [Double] = []
        for run in 0...5 {
            let started = MonotonicClock.nanoseconds()
            let top: CommandRun
            do { top = try CommandRun.backlog(["top", "--source", url, "--at", "\(end / 1000)", "--limit", "20"]) } catch {
                fatalError("source_top_ms: cannot run backlog: \(error)")
            }
            guard top.status == 0, top.stdout.contains("worker") else { fatalError("source_top_ms: top failed: \(top.stderr)") }
            if run > 0 { times.append(Double(MonotonicClock.nanoseconds() - started) / 1_000_000) }
        }
        return [BenchmarkResult(name: "source_top_ms", value: times.sorted()[times.count / 2], unit: "ms")]
    }

    /// 20,000 process series on 10 nodes, six minutes of samples each, imported in chunks.
    private static func load(url: String, directory: String, end: Int64) {
        let file = "\(directory)/import.txt"
        var chunk = ""
        func flush() {
            try? chunk.write(toFile: file, atomically: true, encoding: .utf8)
            guard curl(["--data-binary", "@\(file)", "\(url)/api/v1/import/prometheus"]) != nil else {
                fatalError("source_top_ms: import failed")
            }
            chunk = ""
        }
        for node in 0..<10 {
            for step in 0..<samplesPerSeries {
                let time = end - Int64(samplesPerSeries - 1 - step) * scrapeMilliseconds
                chunk += "erlang_node_info{instance=\"n\(node):9199\",job=\"chat\",node=\"chat\(node)@host\"} 1 \(time)\n"
            }
        }
        for index in 0..<seriesCount {
            let node = index % 10
            let labels = "instance=\"n\(node):9199\",job=\"chat\",name=\"worker_\(index)\",pid=\"<0.\(index).0>\""
            for step in 0..<samplesPerSeries {
                let time = end - Int64(samplesPerSeries - 1 - step) * scrapeMilliseconds
                // Mostly small steady queues; every 500th grows.
                let value = index % 500 == 0 ? Double(index / 10 + step * 40) : Double((index * 7 + step) % 300)
                chunk += "erlang_process_message_queue_len{\(labels)} \(Int(value)) \(time)\n"
            }
            if index % 2000 == 1999 { flush() }
        }
        flush()
    }

    private static func curl(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-sf", "--max-time", "60"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }

    /// The number in VictoriaMetrics's `{"status":"success","data":[N]}`, or 0.
    private static func seriesCountAnswer(_ body: String?) -> Int {
        guard let body, let open = body.lastIndex(of: "["), let close = body.lastIndex(of: "]"), open < close else { return 0 }
        return Int(body[body.index(after: open)..<close]) ?? 0
    }

    private static func waitFor(_ what: String, _ condition: () -> Bool) {
        guard waitUntil(timeout: 300, pollEvery: 0.05, condition) else { fatalError("source_top_ms: gave up waiting until \(what)") }
    }
}
