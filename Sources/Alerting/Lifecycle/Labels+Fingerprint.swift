public import TimeSeries

extension Labels {
    /// The fingerprint as Alertmanager prints it: 16 lowercase hex digits.
    public var fingerprintText: String {
        let hex = String(fingerprint, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
