import Alerting
import Probe
import TimeSeries

/// Which processes' evidence to fetch after an evaluation, and what came back: a value type
/// driven by the alerts it is given, so the rules of fetching are tested without a node.
///
/// An alert names a process when it has an `instance` label and a `pid` or `name` label. Each
/// process (its instance with its pid, or its name when the alert has no pid) is fetched once
/// while any pending or firing alert names it, however many alerts do; at most `maxPerCycle`
/// fetches start after one evaluation, and at most `maxInFlight` run at once (a node that
/// hangs holds each for its timeout), firing alerts' processes first; the rest wait for the
/// next evaluation. Once no active alert names a process its result is forgotten, so the next episode
/// fetches afresh.
struct EvidenceSchedule: Sendable {
    /// One process on one target.
    struct Key: Hashable, Sendable, Comparable, CustomStringConvertible {
        /// The target's `host:port`.
        var instance: String
        var process: ProcessSelector

        var description: String { "\(instance) \(process)" }

        static func < (lhs: Key, rhs: Key) -> Bool { (lhs.instance, lhs.process.description) < (rhs.instance, rhs.process.description) }
    }

    /// A fetch to start: the process, and the alert that asked (its `alertname`).
    struct Request: Sendable, Equatable {
        var key: Key
        var alert: String
    }

    enum Entry: Sendable, Equatable {
        case inFlight
        /// Fetched: the annotations its alerts carry from now on.
        case fetched(Labels)
        /// The fetch failed (logged and counted once); its alerts go out without evidence.
        case failed
    }

    /// Fetches started after one evaluation at most, so an incident that trips alerts on a
    /// thousand processes does not ask their nodes about all of them at once.
    static let maxFetchesPerCycle = 4

    /// Fetches running at once at most.
    static let maxFetchesInFlight = 16

    var maxPerCycle: Int
    var maxInFlight: Int
    private(set) var entries: [Key: Entry] = [:]

    init(maxPerCycle: Int = EvidenceSchedule.maxFetchesPerCycle, maxInFlight: Int = EvidenceSchedule.maxFetchesInFlight) {
        self.maxPerCycle = max(1, maxPerCycle)
        self.maxInFlight = max(1, maxInFlight)
    }

    /// The process an alert names, if it names one.
    static func key(of alert: Alert) -> Key? {
        guard let instance = alert.labels["instance"], !instance.isEmpty else { return nil }
        if let pid = alert.labels["pid"], !pid.isEmpty { return Key(instance: instance, process: .pid(pid)) }
        if let name = alert.labels["name"], !name.isEmpty { return Key(instance: instance, process: .name(name)) }
        return nil
    }

    /// Takes the engine's alerts after an evaluation and returns the fetches to start now,
    /// each marked as in flight; forgets the processes no pending or firing alert names.
    mutating func due(_ alerts: [Alert]) -> [Request] {
        var named: [Key: (alert: String, firing: Bool)] = [:]
        for alert in alerts where alert.state == .pending || alert.state == .firing {
            guard let key = Self.key(of: alert) else { continue }
            let firing = alert.state == .firing
            // A firing alert asks before a pending one, then the first by name: the same one every time.
            if let seen = named[key], (seen.firing ? 0 : 1, seen.alert) <= (firing ? 0 : 1, alert.name) { continue }
            named[key] = (alert.name, firing)
        }
        entries = entries.filter { named[$0.key] != nil }
        let waiting = named.filter { entries[$0.key] == nil }
            .sorted { ($0.value.firing ? 0 : 1, $0.key) < ($1.value.firing ? 0 : 1, $1.key) }
        let running = entries.values.count { $0 == .inFlight }
        let started = waiting.prefix(max(0, min(maxPerCycle, maxInFlight - running))).map { Request(key: $0.key, alert: $0.value.alert) }
        for request in started { entries[request.key] = .inFlight }
        return started
    }

    /// Records a fetch's outcome: its annotations, or nil when it failed. An outcome for a
    /// process no longer named (its alerts ended meanwhile) is dropped.
    mutating func finished(_ key: Key, annotations: Labels?) {
        guard entries[key] == .inFlight else { return }
        entries[key] = annotations.map(Entry.fetched) ?? .failed
    }

    /// The alerts with their process's evidence added, where it was fetched.
    func annotate(_ alerts: [Alert]) -> [Alert] {
        guard entries.values.contains(where: { if case .fetched = $0 { true } else { false } }) else { return alerts }
        return alerts.map { alert in
            guard let key = Self.key(of: alert), case .fetched(let annotations)? = entries[key] else { return alert }
            return alert.addingAnnotations(annotations)
        }
    }
}
