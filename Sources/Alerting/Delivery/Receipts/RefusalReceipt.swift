/// The last notification of a group a receiver refused for good: the firing alert episodes it
/// carried that no later notification delivered, and what the receiver answered.
public struct RefusalReceipt: Sendable, Equatable {
    /// Episodes refused and not delivered since.
    public var firing: Set<String>
    /// The HTTP status of the refusal.
    public var status: Int
    /// Its reason phrase, empty when not a common one.
    public var reason: String

    public init(firing: Set<String>, status: Int, reason: String = "") {
        self.firing = firing
        self.status = status
        self.reason = reason
    }
}
