/// Where one firing alert's notifications got to, by receiver name in config order.
///
/// Each receiver is in at most one list, by precedence: delivered, then refused, then queued.
public struct AlertDelivery: Sendable, Equatable {
    /// Receivers that accepted a notification announcing it (a 2xx).
    public var deliveredTo: [String]
    /// Receivers that refused a notification announcing it for good (a final 4xx) and have not
    /// accepted one since: the alert does not reach them until the group is notified again.
    public var refusedBy: [DeliveryRefusal]
    /// Receivers a notification announcing it was queued for and has not reached yet: the
    /// receiver is down or slow, and delivery keeps retrying.
    public var queuedFor: [String]

    public init(deliveredTo: [String] = [], refusedBy: [DeliveryRefusal] = [], queuedFor: [String] = []) {
        self.deliveredTo = deliveredTo
        self.refusedBy = refusedBy
        self.queuedFor = queuedFor
    }
}
