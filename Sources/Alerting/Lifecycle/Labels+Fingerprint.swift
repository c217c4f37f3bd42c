public import TimeSeries

extension Labels {
    /// Prometheus's label-set fingerprint (`model.LabelSet.Fingerprint`): FNV-1a 64 over each
    /// label in name order as name, 0xFF, value, 0xFF. Alertmanager names alerts by it, so the
    /// same alert has the same fingerprint here, in Prometheus and in Alertmanager.
    public var fingerprint: UInt64 {
        var hash: UInt64 = 14_695_981_039_346_656_037
        func add(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash &*= 1_099_511_628_211
        }
        for label in self {
            for byte in label.name.utf8 { add(byte) }
            add(0xFF)
            for byte in label.value.utf8 { add(byte) }
            add(0xFF)
        }
        return hash
    }

    /// The fingerprint as Alertmanager prints it: 16 lowercase hex digits.
    public var fingerprintText: String {
        let hex = String(fingerprint, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
