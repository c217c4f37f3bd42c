/// The bytes of one `remote_write_log` row: what one append committed, in commit order.
///
/// A sample count, then per sample the series id and timestamp as zigzag varint deltas from the
/// previous sample (most samples of a cycle share a timestamp and have nearby ids: a byte each),
/// and the value: `zigzag(v) << 1` as a varint when it is an integer below 2^53 (queue lengths,
/// counts), else a 1 and the 8 raw bytes, so every NaN payload (the staleness marker) survives.
public enum RemoteLogCodec {
    /// One logged sample.
    public struct Entry: Sendable, Equatable {
        public var seriesID: Int64
        public var timestamp: Int64
        public var value: Double

        public init(seriesID: Int64, timestamp: Int64, value: Double) {
            self.seriesID = seriesID
            self.timestamp = timestamp
            self.value = value
        }

        public static func == (lhs: Entry, rhs: Entry) -> Bool {
            lhs.seriesID == rhs.seriesID && lhs.timestamp == rhs.timestamp && lhs.value.bitPattern == rhs.value.bitPattern
        }
    }

    private static let exactLimit = Double(1 << 53)

    public static func encode(_ entries: [Entry]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entries.count * 4 + 4)
        ByteCoding.appendUnsigned(UInt64(entries.count), to: &bytes)
        var lastID: Int64 = 0
        var lastTime: Int64 = 0
        for entry in entries {
            ByteCoding.appendSigned(entry.seriesID &- lastID, to: &bytes)
            ByteCoding.appendSigned(entry.timestamp &- lastTime, to: &bytes)
            lastID = entry.seriesID
            lastTime = entry.timestamp
            let value = entry.value
            if value == value.rounded(), abs(value) < exactLimit, !(value == 0 && value.sign == .minus) {
                ByteCoding.appendUnsigned(ByteCoding.zigzag(Int64(value)) << 1, to: &bytes)
            } else {
                bytes.append(1)
                ByteCoding.appendDouble(value, to: &bytes)
            }
        }
        return bytes
    }

    /// The entries, or nil when the bytes are not a log payload.
    public static func decode(_ bytes: [UInt8]) -> [Entry]? {
        var reader = ByteReader(bytes)
        guard let count = reader.unsigned(), count <= UInt64(bytes.count) else { return nil }
        var entries: [Entry] = []
        entries.reserveCapacity(Int(count))
        var lastID: Int64 = 0
        var lastTime: Int64 = 0
        for _ in 0..<count {
            guard let idDelta = reader.signed(), let timeDelta = reader.signed(), let head = reader.unsigned() else { return nil }
            lastID &+= idDelta
            lastTime &+= timeDelta
            let value: Double
            if head & 1 == 0 {
                value = Double(ByteCoding.unzigzag(head >> 1))
            } else {
                guard head == 1, let raw = reader.double() else { return nil }
                value = raw
            }
            entries.append(Entry(seriesID: lastID, timestamp: lastTime, value: value))
        }
        return reader.isAtEnd ? entries : nil
    }
}
