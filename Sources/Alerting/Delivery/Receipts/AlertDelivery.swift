/// Where one firing alert's notifications got to, by receiver name in config order.
public struct AlertDelivery: Sendable, Equatable {
    /// Receivers that accepted a notification announcing it (a 2xx).
    public var deliveredTo: [String]
    /// Receivers a notification announcing it was queued for and has not reached yet: the
    /// receiver is down or slow, and delivery keeps retrying.
    public var queuedFor: [String]

    public init(deliveredTo: [String] = [], queuedFor: [String] = []) {
        self.deliveredTo = deliveredTo
        self.queuedFor = queuedFor
    }
}
