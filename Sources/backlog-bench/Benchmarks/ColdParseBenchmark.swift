import Foundation
import TestSupport

/// A cold parse measured from outside, as a user would time it: the whole
/// `backlog scrape --file F --format summary` process over a body it has never seen (200,000
/// series of four labels, ~29 MB, every label set built as a new node's first scrape builds them),
/// minus the same command over a one-line file, best of `runs` each.
enum ColdParseBenchmark {
    static let series = 200_000
    static let runs = 3

    static func run() -> [BenchmarkResult] {
        withScratchDirectory("cold-parse") { directory in
            let big = "\(directory)/big.prom"
            let tiny = "\(directory)/tiny.prom"
            let body = body(series: series)
            do {
                try Data(body).write(to: URL(fileURLWithPath: big))
                try Data("erlang_process_message_queue_len{pid=\"<0.1.0>\"} 0\n".utf8).write(to: URL(fileURLWithPath: tiny))
                let whole = try fastest(big)
                let start = try fastest(tiny)
                let seconds = max(whole - start, 1e-6)
                return [
                    BenchmarkResult(name: "cold_parse_mb_per_s", value: Double(body.count) / 1e6 / seconds, unit: "MB/s"),
                    BenchmarkResult(name: "cold_parse_process_seconds", value: whole, unit: "s"),
                ]
            } catch {
                print("cold parse benchmark failed: \(error)")
                return []
            }
        }
    }

    /// The shape `gen_big_prom.py` writes: node, pid, name and initial_call, values up to 100,000.
    static func body(series: Int) -> [UInt8] {
        var random = SplitMix64(seed: 1)
        var text = """
            # HELP erlang_process_message_queue_len Messages waiting in the process mailbox.
            # TYPE erlang_process_message_queue_len gauge

            """
        text.reserveCapacity(series * 150)
        for index in 0..<series {
            text += "erlang_process_message_queue_len{node=\"chat\(index % 50)@10.0.0.\(index % 250)\",pid=\"<0.\(1000 + index).0>\","
            text += "name=\"chat_session_\(index)\",initial_call=\"chat_session:init/1\"} \(random.next() % 100_001)\n"
        }
        return Array(text.utf8)
    }

    /// The shortest wall time of `runs` runs of `backlog scrape --file path --format summary`.
    static func fastest(_ path: String) throws -> Double {
        var best = Double.infinity
        for _ in 0..<runs {
            let process = Process()
            process.executableURL = BuiltProduct.url("backlog")
            process.arguments = ["scrape", "--file", path, "--format", "summary"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let began = ContinuousClock.now
            try process.run()
            process.waitUntilExit()
            let elapsed = began.duration(to: .now)
            guard process.terminationStatus == 0 else {
                throw ColdParseFailure(description: "backlog scrape --file \(path) exited with \(process.terminationStatus)")
            }
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        return best
    }

    struct ColdParseFailure: Error, CustomStringConvertible {
        var description: String
    }
}
