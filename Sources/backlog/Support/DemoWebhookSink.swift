import Agent
import Dashboard
import Foundation
import Synchronization

/// The demo's local webhook receiver: it takes Alertmanager-format deliveries and keeps the
/// alerts they carry, for the dashboard's alerts panel (or prints them, headless).
final class DemoWebhookSink: Sendable {
    struct Received: Sendable {
        var name: String
        var summary: String
        var firing: Bool
        /// When the alert became active (its `startsAt`), so the demo shows the age `watch` shows.
        var since: Date
    }

    let alerts = Mutex<[String: Received]>([:])
    let onDelivery: @Sendable (String) -> Void
    private let server: Mutex<AgentHTTPServer?> = Mutex(nil)

    init(onDelivery: @escaping @Sendable (String) -> Void = { _ in }) { self.onDelivery = onDelivery }

    /// Starts listening on a free loopback port; returns the URL to post to.
    func start() throws -> String {
        let server = try AgentHTTPServer(host: "127.0.0.1", port: 0) { [self] method, _, body in
            guard method == "POST" else { return .notFound("GET") }
            receive(body)
            return AgentHTTPServer.Response(status: 200, contentType: "text/plain", body: "ok\n")
        }
        self.server.withLock { $0 = server }
        return "http://127.0.0.1:\(server.port)/hook"
    }

    func stop() { server.withLock { $0 }?.shutdown() }

    /// The alerts panel as of `now`: firing alerts first, then the recently resolved; oldest
    /// first, then by name, so alerts that started together keep their places between frames.
    func rows(now: Date = Date()) -> [AlertRow] {
        alerts.withLock { Array($0.values) }
            .sorted {
                ($0.firing ? 0 : 1, $0.since.timeIntervalSince1970, $0.name, $0.summary)
                    < ($1.firing ? 0 : 1, $1.since.timeIntervalSince1970, $1.name, $1.summary)
            }
            .map { AlertRow(name: $0.name, labelsSummary: $0.summary, state: $0.firing ? .firing : .inactive,
                            ageSeconds: now.timeIntervalSince($0.since), deliveredTo: ["demo webhook"]) }
    }

    /// Takes one delivery's body, received at `now` (the age's start when an alert lacks a
    /// readable `startsAt`).
    func receive(_ body: [UInt8], at now: Date = Date()) {
        guard let payload = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let list = payload["alerts"] as? [[String: Any]]
        else { return }
        for alert in list {
            let labels = alert["labels"] as? [String: String] ?? [:]
            let fingerprint = alert["fingerprint"] as? String ?? labels.description
            let name = labels["alertname"] ?? "alert"
            let firing = (alert["status"] as? String) == "firing"
            let summary = ["name", "pid", "node", "instance"].compactMap { key in labels[key].map { "\(key)=\($0)" } }
                .joined(separator: " ")
            let since = (alert["startsAt"] as? String).flatMap(DemoWebhookSink.date) ?? now
            alerts.withLock { $0[fingerprint] = Received(name: name, summary: summary, firing: firing, since: since) }
            // The verdict the agent attached, when it fetched the process's evidence.
            let annotations = alert["annotations"] as? [String: String] ?? [:]
            let verdict = annotations["verdict"].map { " — \($0)" + (annotations["current_function"].map { " in \($0)" } ?? "") } ?? ""
            onDelivery("\(firing ? "FIRING  " : "RESOLVED") \(name) \(summary)\(verdict)")
        }
    }

    /// An RFC 3339 time as Alertmanager payloads carry it, with or without fractional seconds.
    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
