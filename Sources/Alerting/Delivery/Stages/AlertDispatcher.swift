public import TimeSeries

/// A notification ready for the outbox: which queue, the group it covers, and the exact bytes
/// to POST.
public struct OutgoingNotification: Sendable, Equatable {
    public var outboxKey: String
    public var groupKey: String
    public var payload: [UInt8]
    /// What the receiver's notification log says about the group once this is queued; nil for
    /// Alertmanager receivers, whose re-sending the engine drives.
    public var log: NotificationLog.Entry?
}

/// Route → group → dedup for every receiver: turns each evaluation's alerts into the
/// notifications to queue. A value type driven by the times it is given.
public struct AlertDispatcher: Sendable {
    public private(set) var receivers: [ReceiverConfig]
    /// Grouping and dedup state of the webhook and Slack receivers, by name.
    public private(set) var groupers: [String: AlertGrouper] = [:]
    /// The agent's own URL, for `externalURL`.
    public var externalURL: String
    /// How long a firing alert sent to Alertmanager stays valid when the engine did not say.
    public var fallbackValidity: PromDuration

    public init(receivers: [ReceiverConfig], externalURL: String, fallbackValidity: PromDuration = .seconds(240)) {
        self.receivers = []
        self.externalURL = externalURL
        self.fallbackValidity = fallbackValidity
        update(receivers)
    }

    /// Switches to new receivers; one that keeps its name keeps its groups and notification log.
    public mutating func update(_ newReceivers: [ReceiverConfig]) {
        var kept: [String: AlertGrouper] = [:]
        for receiver in newReceivers {
            if case .alertmanager = receiver.kind { continue }
            var grouper = groupers[receiver.name] ?? AlertGrouper(route: receiver.route, options: receiver.grouping)
            grouper.route = receiver.route
            grouper.options = receiver.grouping
            kept[receiver.name] = grouper
        }
        groupers = kept
        receivers = newReceivers
    }

    /// After a restart: each webhook and Slack receiver's saved notification log, by receiver
    /// name and group key (receivers no longer configured are skipped).
    public mutating func restore(log: [String: [String: NotificationLog.Entry]]) {
        for (name, entries) in log where groupers[name] != nil { groupers[name]!.restore(log: entries) }
    }

    /// Undoes the log entry of a notification that could not be queued, so it is produced again.
    public mutating func forgetNotification(_ notification: OutgoingNotification) {
        guard notification.log != nil else { return }
        groupers[notification.outboxKey]?.forgetNotification(notification.groupKey)
    }

    /// The notifications to queue after an evaluation at `time`. `current` is every alert the
    /// engine holds; `toSend` is what it handed to delivery (new, resolved and re-sent alerts),
    /// which goes to Alertmanager receivers as Prometheus sends it.
    public mutating func step(current: [Alert], toSend: [Alert], at time: Timestamp) -> DispatchResult {
        var out: [OutgoingNotification] = []
        var forgotten: [(receiver: String, groupKey: String)] = []
        for receiver in receivers {
            switch receiver.kind {
            case .alertmanager:
                let alerts = toSend.filter { $0.state != .pending && receiver.route.matches($0.labels) }
                guard !alerts.isEmpty else { continue }
                let payload = AlertmanagerPayload.encoded(alerts, at: time, fallbackValidity: fallbackValidity)
                for key in receiver.outboxKeys {
                    out.append(OutgoingNotification(
                        outboxKey: key, groupKey: "{}/\(receiver.route.keyText):api-v2", payload: payload, log: nil))
                }
            case .webhook, .slack:
                guard var grouper = groupers[receiver.name] else { continue }
                let logged = Set(grouper.log.entries.keys)
                let groups = grouper.step(current, at: time)
                groupers[receiver.name] = grouper
                for group in groups {
                    out.append(OutgoingNotification(
                        outboxKey: receiver.name, groupKey: group.key, payload: payload(receiver, group), log: grouper.log.entries[group.key]))
                }
                for key in logged.subtracting(grouper.log.entries.keys).sorted() { forgotten.append((receiver.name, key)) }
            }
        }
        return DispatchResult(notifications: out, forgotten: forgotten)
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
