public import TimeSeries

extension Labels {
    /// Prometheus's label-set fingerprint (`model.LabelSet.Fingerprint`): FNV-1a 64 over each
    /// label in name order as name, 0xFF, value, 0xFF. Alertmanager names alerts by it, so the
    /// same alert has the same fingerprint here, in Prometheus and in Alertmanager.
    public var fingerprint: UInt64 {
        var hash = FNV1a.offsetBasis
        // Through the storage's buffer: iterating the collection copies every label out.
        storage.withUnsafeBufferPointer { labels in
            for index in labels.indices {
                FNV1a.add(labels[index].name, to: &hash)
                FNV1a.add(labels[index].value, to: &hash)
            }
        }
        return hash
    }

    /// The fingerprint as Alertmanager prints it: 16 lowercase hex digits.
    public var fingerprintText: String {
        let hex = String(fingerprint, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
