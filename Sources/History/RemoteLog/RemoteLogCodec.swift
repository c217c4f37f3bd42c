/// The bytes of one `remote_write_log` row: what one append committed, by series id (each series in time order).
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
        encode(entries) { ($0.seriesID, $0.timestamp, $0.value) }
    }

    /// A cycle's tail entries as a log payload: sorted by series, so each series stays in time order.
    static func encode(tail entries: [TailBlock.Entry]) -> [UInt8] {
        encode(entries) { ($0.series, $0.timestamp, $0.value) }
    }

    /// The payload of `entries`, written straight into the array's storage: a log row holds every
    /// sample of a cycle, and appending byte by byte showed up in the cost of each append.
    private static func encode<Entries: Collection>(
        _ entries: Entries, fields: (Entries.Element) -> (seriesID: Int64, timestamp: Int64, value: Double)
    ) -> [UInt8] {
        // A varint takes at most 10 bytes: the count, then per entry two deltas and a value.
        let capacity = 10 + entries.count * 30
        return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, written in
            var at = buffer.baseAddress!
            ByteCoding.writeUnsigned(UInt64(entries.count), at: &at)
            var lastID: Int64 = 0
            var lastTime: Int64 = 0
            for entry in entries {
                let (seriesID, timestamp, value) = fields(entry)
                ByteCoding.writeUnsigned(ByteCoding.zigzag(seriesID &- lastID), at: &at)
                ByteCoding.writeUnsigned(ByteCoding.zigzag(timestamp &- lastTime), at: &at)
                lastID = seriesID
                lastTime = timestamp
                if value == value.rounded(), abs(value) < exactLimit, !(value == 0 && value.sign == .minus) {
                    ByteCoding.writeUnsigned(ByteCoding.zigzag(Int64(value)) << 1, at: &at)
                } else {
                    at.pointee = 1
                    UnsafeMutableRawPointer(at + 1).storeBytes(of: value.bitPattern.littleEndian, as: UInt64.self)
                    at += 9
                }
            }
            written = at - buffer.baseAddress!
        }
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
