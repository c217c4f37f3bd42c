@testable import Fleet
import NIOCore
import TestSupport
import Testing
import TimeSeries

/// The scanner renders the next second's bodies off the request path, as the exporter's own timer
/// does, so a scrape only copies a finished body.
@Suite struct FleetBodyScannerTests {
    let clock = ManualClock()

    func runtime(nodes: Int) -> FleetRuntime {
        let simulation = FleetSimulation(config: FleetConfig(nodeCount: nodes, processesPerNode: 300), epoch: clock.epoch)
        return FleetRuntime(simulation: simulation, clock: clock.fleetClock)
    }

    func expected(_ runtime: FleetRuntime, node: Int, second: Int) -> [UInt8] {
        NodeExposition.render(runtime.simulation.nodeState(node, atSecond: second))
    }

    @Test func rendersTheCurrentAndNextSecondBeforeAnyScrapeAsks() async throws {
        clock.set(secondsAfterEpoch: 95)
        let runtime = runtime(nodes: 3)
        let scanner = FleetBodyScanner(runtime: runtime)
        scanner.start()
        defer { scanner.stop() }
        // Blocked in its wait: it rendered what the second needs and waits for the next one.
        #expect(await clock.blocked())
        for node in 0..<3 {
            for second in [95, 96] {
                let body = try #require(runtime.bodies.cachedBody(ofNode: node, second: second))
                #expect(Array(buffer: body) == expected(runtime, node: node, second: second))
            }
        }
    }

    @Test func followsTheClockAndSkipsNodesThatAreDown() async throws {
        // The default scenario takes chat5 (node 4) down from second 60 to 90 of each cycle.
        clock.set(secondsAfterEpoch: 40)
        let runtime = runtime(nodes: 5)
        let scanner = FleetBodyScanner(runtime: runtime)
        scanner.start()
        defer { scanner.stop() }
        #expect(await clock.blocked())
        #expect(runtime.bodies.cachedBody(ofNode: 4, second: 41) != nil)
        clock.set(secondsAfterEpoch: 70)
        #expect(await clock.blocked())
        #expect(runtime.bodies.cachedBody(ofNode: 3, second: 71) != nil)
        #expect(runtime.bodies.cachedBody(ofNode: 4, second: 71) == nil)
        #expect(runtime.bodies.cachedBody(ofNode: 3, second: 41) == nil, "only two seconds are kept")
    }

    @Test func aScrapeServesTheScannedBody() async throws {
        clock.set(secondsAfterEpoch: 10)
        let runtime = runtime(nodes: 1)
        let scanner = FleetBodyScanner(runtime: runtime)
        scanner.start()
        defer { scanner.stop() }
        #expect(await clock.blocked())
        let served = runtime.body(ofNode: 0, second: 11)
        let scanned = try #require(runtime.bodies.cachedBody(ofNode: 0, second: 11))
        // The same storage, not a second rendering.
        #expect(served.withUnsafeReadableBytes { $0.baseAddress } == scanned.withUnsafeReadableBytes { $0.baseAddress })
    }

    @Test func stopWaitsForTheThreadAndIsSafeTwice() {
        let scanner = FleetBodyScanner(runtime: runtime(nodes: 2))
        scanner.stop()
        scanner.start()
        scanner.stop()
        scanner.stop()
    }
}

@Suite struct NodeBodyCacheTests {
    @Test func keepsTheTwoNewestSecondsPerNode() {
        let cache = NodeBodyCache(nodeCount: 2)
        let allocator = ByteBufferAllocator()
        for second in [5, 6, 7] {
            cache.store(allocator.buffer(string: "s\(second)"), ofNode: 0, second: second)
        }
        #expect(cache.cachedBody(ofNode: 0, second: 5) == nil)
        #expect(cache.cachedBody(ofNode: 0, second: 6).map { String(buffer: $0) } == "s6")
        #expect(cache.cachedBody(ofNode: 0, second: 7).map { String(buffer: $0) } == "s7")
        #expect(cache.cachedBody(ofNode: 1, second: 7) == nil)
    }

    @Test func anOlderSecondArrivingLateDoesNotEvictNewerOnes() {
        let cache = NodeBodyCache(nodeCount: 1)
        let allocator = ByteBufferAllocator()
        cache.store(allocator.buffer(string: "s8"), ofNode: 0, second: 8)
        cache.store(allocator.buffer(string: "s9"), ofNode: 0, second: 9)
        cache.store(allocator.buffer(string: "s7"), ofNode: 0, second: 7)
        #expect(cache.cachedBody(ofNode: 0, second: 7) == nil)
        #expect(cache.cachedBody(ofNode: 0, second: 8) != nil)
        #expect(cache.cachedBody(ofNode: 0, second: 9) != nil)
    }

    @Test func aBodyIsRenderedOncePerSecond() {
        let cache = NodeBodyCache(nodeCount: 1)
        let allocator = ByteBufferAllocator()
        var renders = 0
        for _ in 0..<3 {
            _ = cache.body(ofNode: 0, second: 4) {
                renders += 1
                return allocator.buffer(string: "s4")
            }
        }
        #expect(renders == 1)
    }
}
