import TimeSeries

/// Small helpers for writing JSON by hand, so payloads keep Alertmanager's field order and
/// bytes are the same on every run (the outbox stores them as they will be sent).
enum JSONObjectText {
    /// `{"name":"value",…}` in label-name order.
    static func labels(_ labels: Labels) -> String {
        "{" + labels.map { "\(JSONString.quote($0.name)):\(JSONString.quote($0.value))" }.joined(separator: ",") + "}"
    }

    /// `{"key":value,…}` with values already encoded, in the order given.
    static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { "\(JSONString.quote($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }

    /// The labels every alert has with the same value.
    static func common(_ sets: [Labels]) -> Labels {
        guard var common = sets.first else { return Labels() }
        for set in sets.dropFirst() {
            common = Labels(common.filter { set[$0.name] == $0.value })
        }
        return common
    }
}
