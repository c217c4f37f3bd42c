import Foundation
import TestSupport

/// Scrapes one port on a background thread until stopped, alternating a kept-alive
/// connection with fresh ones, and records every failure.
final class BackgroundScraper: @unchecked Sendable {
    struct Outcome {
        var succeeded: Int
        var failures: [String]
    }

    private let port: Int
    private let lock = NSLock()
    private var running = true
    private var outcome = Outcome(succeeded: 0, failures: [])
    private let finished = DispatchSemaphore(value: 0)

    init(port: Int) {
        self.port = port
        Thread { [self] in loop() }.start()
    }

    /// Stops the loop and returns what it saw.
    func stop() -> Outcome {
        lock.withLock { running = false }
        finished.wait()
        return lock.withLock { outcome }
    }

    private func loop() {
        var kept: LoopbackConnection?
        var round = 0
        while lock.withLock({ running }) {
            round += 1
            do {
                let response: LoopbackHTTPResponse
                if round % 2 == 0 {
                    let connection = try kept ?? LoopbackConnection(port: port)
                    kept = connection
                    response = try connection.get()
                } else {
                    response = try LoopbackConnection.get(port: port)
                }
                record(response.status == 200 ? nil : "HTTP \(response.status)")
            } catch {
                kept = nil
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
