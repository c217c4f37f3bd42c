import Foundation
import TestSupport
import Testing

/// `backlog attach` against a real RabbitMQ broker, reached with the broker's own cookie file.
@Suite(.serialized, .enabled(if: RabbitMQNode.isAvailable, "needs rabbitmq-server and root to run it as the rabbitmq user"))
struct RabbitMQAttachTests {
    @Test func attachesToRabbitMQAndScrapesItsVM() async throws {
        let rabbit = try await RabbitMQNode.start()
        defer { rabbit.stop() }
        let port = LoopbackPort.unused()

        let attached = try CommandRun.backlog(["attach", rabbit.name, "--cookie-file", rabbit.cookieFile, "--port", "\(port)"])
        #expect(attached.status == 0, "\(attached.stderr)")
        #expect(attached.stdout.contains("the exporter runs on \(rabbit.name), port \(port)"), "\(attached.stdout)")
        try await waitUntil("the exporter in RabbitMQ serves", timeout: .seconds(60)) {
            (try? LoopbackConnection.get(port: port, path: "/metrics", timeout: .seconds(2)))?.status == 200
        }

        let scraped = try CommandRun.backlog(["scrape", "127.0.0.1:\(port)", "--format", "json"])
        #expect(scraped.status == 0, "\(scraped.stderr)")
        let row = try #require(scraped.stdout.split(separator: "\n").first { $0.contains(#""__name__":"erlang_vm_process_count""#) })
        // A booted broker runs hundreds of processes; a bare VM runs a few dozen.
        let value = try #require(row.split(separator: "\"").drop { $0 != "value" }.dropFirst(2).first.flatMap { Double($0) })
        #expect(value > 100, "\(row)")
        #expect(scraped.stdout.contains(#""node":"\#(rabbit.name)""#), "erlang_node_info names the broker's node")

        rabbit.stop()
        #expect(!rabbit.isRunning)
        #expect((try? LoopbackConnection.get(port: port, path: "/metrics", timeout: .seconds(2))) == nil, "the exporter went with the broker")
    }
}
