public import TimeSeries

/// Route → group → dedup for every receiver: turns each evaluation's alerts into the
/// notifications to queue. A value type driven by the times it is given.
public struct AlertDispatcher: Sendable {
    public private(set) var receivers: [ReceiverConfig]
    /// Grouping and dedup state of the webhook and Slack receivers, by name.
    public private(set) var groupers: [String: AlertGrouper] = [:]
    /// Resend state of the Alertmanager receivers, by name.
    public private(set) var resenders: [String: AlertmanagerResender] = [:]
    /// The agent's own URL, for `externalURL`.
    public var externalURL: String
    /// How often Alertmanager receivers get every alert again (Prometheus's `resend_delay`).
    public let resendDelay: PromDuration
    /// How long a firing alert posted to Alertmanager stays valid at least (its `endsAt`), so
    /// Alertmanager resolves it by itself only when the agent stops posting.
    public let validity: PromDuration
    /// External labels, `alert_relabel_configs` and the HA replica label, applied to every
    /// alert before it is routed, so each stage sees the labels the receiver gets.
    public var labeling = AlertLabeling()

    public init(
        receivers: [ReceiverConfig], externalURL: String, resendDelay: PromDuration = .seconds(60),
        validity: PromDuration = .seconds(240)
    ) {
        self.receivers = []
        self.externalURL = externalURL
        self.resendDelay = resendDelay
        self.validity = validity
        update(receivers)
    }

    /// Switches to new receivers; one that keeps its name keeps its groups and notification log.
    public mutating func update(_ newReceivers: [ReceiverConfig]) {
        var kept: [String: AlertGrouper] = [:]
        var keptResenders: [String: AlertmanagerResender] = [:]
        for receiver in newReceivers {
            if case .alertmanager = receiver.kind {
                var resender = resenders[receiver.name] ?? AlertmanagerResender(route: receiver.route, resendDelay: resendDelay)
                resender.route = receiver.route
                resender.resendDelay = resendDelay
                keptResenders[receiver.name] = resender
                continue
            }
            var grouper = groupers[receiver.name] ?? AlertGrouper(route: receiver.route, options: receiver.grouping)
            grouper.route = receiver.route
            grouper.options = receiver.grouping
            grouper.sendResolved = receiver.sendResolved
            kept[receiver.name] = grouper
        }
        groupers = kept
        resenders = keptResenders
        receivers = newReceivers
    }

    /// After a restart: each receiver's saved notification log, by outbox key and group key
    /// (receivers no longer configured are skipped). An Alertmanager receiver's URLs hold the
    /// same rows, written together, so the first one found stands for all.
    public mutating func restore(log: [String: [String: NotificationLog.Entry]]) {
        for receiver in receivers {
            guard let entries = receiver.outboxKeys.lazy.compactMap({ log[$0] }).first else { continue }
            groupers[receiver.name]?.restore(log: entries)
            resenders[receiver.name]?.restore(log: entries)
        }
    }

    /// Takes back a notification that could not be queued: its receiver's log says again what
    /// it said before, so the notification is produced again.
    public mutating func takeBack(_ notification: OutgoingNotification) {
        guard let receiver = receivers.first(where: { $0.outboxKeys.contains(notification.outboxKey) }) else { return }
        groupers[receiver.name]?.takeBack(notification.groupKey, previous: notification.previousLog)
        resenders[receiver.name]?.takeBack(notification.groupKey, previous: notification.previousLog)
    }

    /// The notifications to queue after an evaluation at `time`, from `current`: every alert the
    /// engine holds (firing, pending, and resolved ones it still retains).
    public mutating func step(current: [Alert], at time: Timestamp) -> DispatchResult {
        var out: [OutgoingNotification] = []
        var forgotten: [(receiver: String, groupKey: String)] = []
        let direct = labeling.outgoing(current, toAlertmanager: false)
        let forAlertmanager = labeling.replicaLabel == nil ? direct : labeling.outgoing(current, toAlertmanager: true)
        for receiver in receivers {
            switch receiver.kind {
            case .alertmanager:
                guard var resender = resenders[receiver.name] else { continue }
                let before = resender.log.entries
                let alerts = resender.step(forAlertmanager, at: time)
                resenders[receiver.name] = resender
                if let alerts {
                    let payload = AlertmanagerPayload.encoded(alerts, at: time, validity: validity)
                    let key = resender.groupKey
                    let firing = Set(alerts.filter { $0.state == .firing }.map(\.episode))
                    for outboxKey in receiver.outboxKeys {
                        out.append(OutgoingNotification(
                            outboxKey: outboxKey, groupKey: key, payload: payload, log: resender.log.entries[key], previousLog: before[key],
                            firing: firing))
                    }
                }
                for key in Set(before.keys).subtracting(resender.log.entries.keys).sorted() {
                    for outboxKey in receiver.outboxKeys { forgotten.append((outboxKey, key)) }
                }
            case .webhook, .slack:
                guard var grouper = groupers[receiver.name] else { continue }
                let before = grouper.log.entries
                let groups = grouper.step(direct, at: time)
                groupers[receiver.name] = grouper
                for group in groups {
                    out.append(OutgoingNotification(
                        outboxKey: receiver.name, groupKey: group.key, payload: payload(receiver, group),
                        log: grouper.log.entries[group.key], previousLog: before[group.key], firing: carried(receiver, group)))
                }
                for key in Set(before.keys).subtracting(grouper.log.entries.keys).sorted() { forgotten.append((receiver.name, key)) }
            }
        }
        return DispatchResult(notifications: out, forgotten: forgotten)
    }

    /// The firing episodes a group notification's payload shows: a webhook's `max_alerts` may
    /// leave some out; Slack shows them all.
    func carried(_ receiver: ReceiverConfig, _ group: AlertGroup) -> Set<String> {
        if case .slack = receiver.kind { return Set(group.firing.map(\.episode)) }
        let shown = WebhookPayload(receiver: receiver.name, group: group, externalURL: externalURL, maxAlerts: receiver.maxAlerts).shown
        return Set(shown.filter { $0.state == .firing }.map(\.episode))
    }

    func payload(_ receiver: ReceiverConfig, _ group: AlertGroup) -> [UInt8] {
        if case .slack = receiver.kind { return SlackPayload.encoded(receiver: receiver.name, group: group) }
        return WebhookPayload(receiver: receiver.name, group: group, externalURL: externalURL, maxAlerts: receiver.maxAlerts).encoded()
    }

    /// The receiver and endpoint behind an outbox key; nil for a receiver no longer configured.
    public func endpoint(forOutboxKey key: String) -> (receiver: ReceiverConfig, endpoint: DeliveryEndpoint)? {
        for receiver in receivers {
            if let endpoint = receiver.endpoint(forOutboxKey: key) { return (receiver, endpoint) }
        }
        return nil
    }
}
