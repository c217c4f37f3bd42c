public import TimeSeries

/// A notification ready for the outbox: which queue, the group it covers, and the exact bytes
/// to POST.
public struct OutgoingNotification: Sendable, Equatable {
    public var outboxKey: String
    public var groupKey: String
    public var payload: [UInt8]
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

    /// After a restart: restored alerts that were already handed to delivery are not announced again.
    public mutating func assumeNotified(_ alerts: [Alert], at time: Timestamp) {
        for name in groupers.keys { groupers[name]!.assumeNotified(alerts, at: time) }
    }

    /// The notifications to queue after an evaluation at `time`. `current` is every alert the
    /// engine holds; `toSend` is what it handed to delivery (new, resolved and re-sent alerts),
    /// which goes to Alertmanager receivers as Prometheus sends it.
    public mutating func step(current: [Alert], toSend: [Alert], at time: Timestamp) -> [OutgoingNotification] {
        var out: [OutgoingNotification] = []
        for receiver in receivers {
            switch receiver.kind {
            case .alertmanager:
                let alerts = toSend.filter { $0.state != .pending && receiver.route.matches($0.labels) }
                guard !alerts.isEmpty else { continue }
                let payload = AlertmanagerPayload.encoded(alerts, at: time, fallbackValidity: fallbackValidity)
                for key in receiver.outboxKeys {
                    out.append(OutgoingNotification(outboxKey: key, groupKey: "{}/\(receiver.route.keyText):api-v2", payload: payload))
                }
            case .webhook, .slack:
                guard var grouper = groupers[receiver.name] else { continue }
                let groups = grouper.step(current, at: time)
                groupers[receiver.name] = grouper
                for group in groups {
                    out.append(OutgoingNotification(outboxKey: receiver.name, groupKey: group.key, payload: payload(receiver, group)))
                }
            }
        }
        return out
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
