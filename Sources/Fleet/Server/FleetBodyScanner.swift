import Dispatch
import Foundation
import Synchronization
import TimeSeries

#if canImport(Glibc)
import Glibc
#endif

/// Renders every node's body for the next simulated second ahead of time, on a low-priority thread
/// of its own.
///
/// A real node's exporter scans on its own timer and a scrape only copies out the last scan. Rendering
/// on the request path instead would make the first scrape of each second pay for the scan and hold
/// up every poller behind it, which is not what the simulated nodes stand for.
final class FleetBodyScanner: Sendable {
    private let runtime: FleetRuntime
    private let stopRequested = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let started = Atomic<Bool>(false)
    /// Cuts the wait for the next simulated second short when the scanner stops.
    private let alarm = LoopAlarm()

    init(runtime: FleetRuntime) {
        self.runtime = runtime
    }

    func start() {
        guard !started.exchange(true, ordering: .relaxed) else { return }
        let thread = Thread { [self] in run() }
        thread.name = "fleet-scanner"
        thread.start()
    }

    /// Stops the scanner and waits for a render in progress to end.
    func stop() {
        guard started.load(ordering: .relaxed), !stopRequested.exchange(true, ordering: .relaxed) else { return }
        alarm.signal()
        finished.wait()
    }

    private func run() {
        Self.lowerThreadPriority()
        var renderedThrough = Int.min
        while !stopRequested.load(ordering: .relaxed) {
            let current = runtime.currentSecond
            if renderedThrough < current + 1 {
                runtime.prerender(second: current)
                runtime.prerender(second: current + 1)
                renderedThrough = current + 1
            }
            // Until the next simulated second begins (a manual clock's move releases it too).
            let next = runtime.simulation.epoch + .millis(Int64(current + 1) * 1000)
            runtime.clock.wait(until: next, or: alarm)
        }
        finished.signal()
    }

    /// Gives way to the event loops serving scrapes, as the exporter's scanner runs at low priority.
    private static func lowerThreadPriority() {
        #if os(Linux)
        // On Linux a thread id names one thread, so only the scanner is reniced.
        guard let threadID = currentThreadID() else { return }
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), threadID, 10)
        #endif
    }

    #if os(Linux)
    /// The kernel's id of the calling thread, from `/proc/thread-self` ("pid/task/tid"): Glibc's
    /// `gettid` is not visible to Swift.
    private static func currentThreadID() -> id_t? {
        var target = [CChar](repeating: 0, count: 64)
        let length = readlink("/proc/thread-self", &target, target.count - 1)
        guard length > 0 else { return nil }
        let path = String(decoding: target[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return path.split(separator: "/").last.flatMap { id_t($0) }
    }
    #endif
}
