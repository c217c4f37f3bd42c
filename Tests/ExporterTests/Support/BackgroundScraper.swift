import Foundation
import Probe
import TestSupport

/// Scrapes one exporter on a background thread until stopped, alternating the agent's
/// transport (one kept-alive connection) with fresh hand-made connections, and records every
/// failure.
// Unchecked: `running` and `outcome` are only touched while `lock` is held.
final class BackgroundScraper: @unchecked Sendable {
    struct Outcome {
        var succeeded: Int
        var failures: [String]
    }

    private let port: Int
    private let url: String
    private let lock = NSLock()
    private var running = true
    private var outcome = Outcome(succeeded: 0, failures: [])
    private let finished = DispatchSemaphore(value: 0)

    init(port: Int, url: String) {
        self.port = port
        self.url = url
        Thread { [self] in loop() }.start()
    }

    /// Scrapes that answered 200 so far.
    var succeeded: Int { lock.withLock { outcome.succeeded } }

    /// Blocks until `count` more scrapes than now have answered 200; false if that took 30 s.
    func waitForMoreScrapes(_ count: Int) -> Bool {
        let target = succeeded + count
        return waitUntil { succeeded >= target }
    }

    /// Stops the loop and returns what it saw.
    func stop() -> Outcome {
        lock.withLock { running = false }
        finished.wait()
        return lock.withLock { outcome }
    }

    private func loop() {
        let transport = CurlTransport()
        var round = 0
        while lock.withLock({ running }) {
            round += 1
            do {
                let status: Int
                if round % 2 == 0 {
                    status = try transport.perform([HTTPRequestSpec(url: url, timeout: .seconds(5))])[0].get().status
                } else {
                    status = try LoopbackConnection.get(port: port).status
                }
                record(status == 200 ? nil : "HTTP \(status)")
            } catch {
                record("\(error)")
            }
        }
        finished.signal()
    }

    private func record(_ failure: String?) {
        lock.withLock {
            if let failure { outcome.failures.append(failure) } else { outcome.succeeded += 1 }
        }
    }
}
