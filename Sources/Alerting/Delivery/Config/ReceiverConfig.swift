public import TimeSeries

/// One receiver from backlog.yml: where notifications go, which alerts it gets, and how they
/// are grouped.
public struct ReceiverConfig: Sendable {
    /// Where a receiver sends.
    public enum Kind: Sendable {
        /// Alertmanager's webhook payload (version 4), one POST per group notification.
        case webhook(DeliveryEndpoint)
        /// Alertmanager's API v2: every URL gets every alert, as Prometheus sends them.
        case alertmanager([DeliveryEndpoint])
        /// A Slack incoming webhook: a readable message per group notification.
        case slack(DeliveryEndpoint)
    }

    public var name: String
    public var kind: Kind
    public var route: AlertRoute
    public var grouping: GroupingOptions
    /// Most alerts in one webhook payload; 0 means no limit (`truncatedAlerts` counts the rest).
    public var maxAlerts: Int
    /// Whether a webhook or Slack receiver is told when an alert it was told about resolves
    /// (`send_resolved`, default true). Alertmanager receivers always get resolutions, as
    /// Prometheus sends them.
    public var sendResolved: Bool

    public init(
        name: String, kind: Kind, route: AlertRoute = AlertRoute(), grouping: GroupingOptions = GroupingOptions(), maxAlerts: Int = 0,
        sendResolved: Bool = true
    ) {
        self.name = name
        self.kind = kind
        self.route = route
        self.grouping = grouping
        self.maxAlerts = maxAlerts
        self.sendResolved = sendResolved
    }

    /// The outbox keys this receiver's notifications are queued under — one per URL, so
    /// each Alertmanager gets its own in-order queue.
    public var outboxKeys: [String] {
        switch kind {
        case .webhook, .slack: [name]
        case .alertmanager(let endpoints): endpoints.indices.map { endpoints.count == 1 ? name : "\(name)#\($0 + 1)" }
        }
    }

    /// The endpoint behind an outbox key, if this receiver owns it.
    public func endpoint(forOutboxKey key: String) -> DeliveryEndpoint? {
        switch kind {
        case .webhook(let endpoint), .slack(let endpoint): return key == name ? endpoint : nil
        case .alertmanager(let endpoints):
            guard let index = outboxKeys.firstIndex(of: key) else { return nil }
            return endpoints[index]
        }
    }
}

/// A URL to POST to, with how to authenticate and how long to wait.
public struct DeliveryEndpoint: Sendable {
    /// The full URL; it may carry a key, so it is secret.
    public var url: SecretText
    public var headers: [(name: String, value: SecretText)]
    public var bearerToken: SecretText?
    public var basicAuth: (username: String, password: SecretText)?
    public var timeout: PromDuration

    public init(
        url: String, headers: [(name: String, value: SecretText)] = [], bearerToken: SecretText? = nil,
        basicAuth: (username: String, password: SecretText)? = nil, timeout: PromDuration = .seconds(10)
    ) {
        self.url = SecretText(url)
        self.headers = headers
        self.bearerToken = bearerToken
        self.basicAuth = basicAuth
        self.timeout = timeout
    }

    /// Scheme and host only, for logs.
    public var displayURL: String { EndpointText.schemeAndHost(url.value) }

    /// Every secret this endpoint holds, to scrub from error text.
    public var secrets: [String] {
        [url.value] + headers.map(\.value.value) + [bearerToken?.value, basicAuth?.password.value].compactMap { $0 }
    }
}

/// When a receiver's groups are notified, Alertmanager's knobs with defaults that add at most
/// a poll interval to detection.
public struct GroupingOptions: Sendable, Equatable {
    /// Labels that split alerts into groups; nil means every label (`[...]`).
    public var groupBy: [String]?
    /// How long a new group waits for more alerts before its first notification (default 0s).
    public var groupWait: PromDuration
    /// Least time between two notifications of one group (default 1s).
    public var groupInterval: PromDuration
    /// A group whose alerts did not change is notified again after this (default 4h).
    public var repeatInterval: PromDuration

    public init(
        groupBy: [String]? = ["alertname"], groupWait: PromDuration = .zero, groupInterval: PromDuration = .seconds(1),
        repeatInterval: PromDuration = .seconds(4 * 3600)
    ) {
        self.groupBy = groupBy
        self.groupWait = groupWait
        self.groupInterval = groupInterval
        self.repeatInterval = repeatInterval
    }
}
