import Foundation
import Synchronization

/// The alerts one soak run fired and the ones its webhook heard, each keyed by its labels and
/// when it became active, so an alert that fires twice counts twice and a repeat counts once.
final class SoakAlerts: Sendable {
    private let fired = Mutex<Set<String>>([])
    private let delivered = Mutex<Set<String>>([])

    /// Records the firing alerts of a webhook payload (Alertmanager's version 4).
    func recordDelivery(_ body: [UInt8]) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return }
        let keys = (object["alerts"] as? [[String: Any]] ?? []).compactMap { alert -> String? in
            guard alert["status"] as? String == "firing" else { return nil }
            return Self.key(labels: alert["labels"], start: alert["startsAt"])
        }
        delivered.withLock { $0.formUnion(keys) }
    }

    /// Records the firing alerts of an `/api/v1/alerts` answer.
    func recordFiring(_ body: [UInt8]) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let data = object["data"] as? [String: Any]
        else { return }
        let keys = (data["alerts"] as? [[String: Any]] ?? []).compactMap { alert -> String? in
            guard alert["state"] as? String == "firing" else { return nil }
            return Self.key(labels: alert["labels"], start: alert["activeAt"])
        }
        fired.withLock { $0.formUnion(keys) }
    }

    var firedCount: Int { fired.withLock { $0.count } }
    var deliveredCount: Int { delivered.withLock { $0.count } }
    /// Alerts seen firing that the webhook never heard of.
    var undelivered: Set<String> { fired.withLock { $0 }.subtracting(delivered.withLock { $0 }) }

    /// The labels in name order and the start to the second: the API and the payload format
    /// the same instant alike, but not necessarily with the same fraction digits.
    static func key(labels: Any?, start: Any?) -> String? {
        guard let labels = labels as? [String: String], let start = start as? String else { return nil }
        let second = start.split(separator: ".").first.map(String.init) ?? start
        return labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") + "@" + second.trimmingCharacters(in: ["Z"])
    }
}
