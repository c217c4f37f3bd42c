/// A receiver's final refusal of a notification announcing an alert: a 4xx other than 429,
/// which is not retried.
///
/// Carries the receiver's name and the HTTP status only — never its URL, headers or answer body,
/// which may hold secrets or echo them.
public struct DeliveryRefusal: Sendable, Equatable {
    /// The receiver's name, as configured.
    public var receiver: String
    /// The HTTP status it answered.
    public var status: Int
    /// The status's reason phrase (`Bad Request`), empty when it is not a common one.
    public var reason: String

    public init(receiver: String, status: Int, reason: String = "") {
        self.receiver = receiver
        self.status = status
        self.reason = reason
    }
}
