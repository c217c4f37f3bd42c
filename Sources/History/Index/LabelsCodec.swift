internal import TimeSeries

/// The canonical bytes of a label set in the `series` table: the label count, then each name and
/// value as a length-prefixed UTF-8 string, in the set's sorted order.
enum LabelsCodec {
    static func encode(_ labels: Labels) -> [UInt8] {
        var bytes: [UInt8] = []
        ByteCoding.appendUnsigned(UInt64(labels.count), to: &bytes)
        for label in labels {
            ByteCoding.appendString(label.name, to: &bytes)
            ByteCoding.appendString(label.value, to: &bytes)
        }
        return bytes
    }

    /// The label set, or nil when the bytes are not a canonical label set.
    static func decode(_ bytes: [UInt8]) -> Labels? {
        var reader = ByteReader(bytes)
        guard let count = reader.unsigned(), count <= UInt64(bytes.count) else { return nil }
        var labels: [Label] = []
        labels.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let name = reader.string(), let value = reader.string() else { return nil }
            if let last = labels.last, last.name >= name { return nil }
            labels.append(Label(name, value))
        }
        return reader.isAtEnd ? Labels(presorted: labels) : nil
    }
}
