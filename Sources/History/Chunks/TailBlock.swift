/// One poll cycle's accepted samples as stored in a `tail` row, sorted by series id.
///
/// Layout: the base timestamp (zigzag varint), the entry count, the group count, then a group
/// index (per group of up to 64 entries: its first series id as a delta from the previous
/// group's, and its byte length) and the groups. An entry is the series id as a delta from the
/// previous entry in its group, its timestamp minus the base (zigzag), and its value as one
/// varint `x`: `x & 1 == 0` means the integer `zigzag(x >> 4)` times 10^-((x >> 1) & 7); `x == 1`
/// means eight raw little-endian bytes follow. A reader wanting a few series skips whole groups.
enum TailBlock {
    struct Entry: Equatable, Sendable {
        var series: Int64
        var timestamp: Int64
        var value: Double
    }

    static let groupSize = 64
    private static let maxTailScale = 7

    /// Encodes entries already sorted by series id (and by time within a series).
    static func encode(_ entries: [Entry], base: Int64) -> [UInt8] {
        var index: [UInt8] = []
        var body: [UInt8] = []
        body.reserveCapacity(entries.count * 3)
        var groupCount = 0
        var previousGroupFirst: Int64 = 0
        var start = 0
        while start < entries.count {
            let end = min(start + groupSize, entries.count)
            let groupStart = body.count
            var previous = entries[start].series
            for entry in entries[start..<end] {
                ByteCoding.appendUnsigned(UInt64(entry.series - previous), to: &body)
                previous = entry.series
                ByteCoding.appendSigned(entry.timestamp &- base, to: &body)
                appendValue(entry.value, to: &body)
            }
            ByteCoding.appendUnsigned(UInt64(entries[start].series - previousGroupFirst), to: &index)
            ByteCoding.appendUnsigned(UInt64(body.count - groupStart), to: &index)
            previousGroupFirst = entries[start].series
            groupCount += 1
            start = end
        }
        var out: [UInt8] = []
        out.reserveCapacity(index.count + body.count + 24)
        ByteCoding.appendSigned(base, to: &out)
        ByteCoding.appendUnsigned(UInt64(entries.count), to: &out)
        ByteCoding.appendUnsigned(UInt64(groupCount), to: &out)
        out.append(contentsOf: index)
        out.append(contentsOf: body)
        return out
    }

    /// Calls `visit` for each entry, or only for series in `wanted` (sorted ascending) when given.
    /// Returns false when the bytes are malformed.
    static func decode(_ bytes: [UInt8], wanted: [Int64]? = nil, visit: (Entry) -> Void) -> Bool {
        var reader = ByteReader(bytes)
        guard let base = reader.signed(), let entryCount = reader.unsigned(), let groupCount = reader.unsigned(),
            groupCount <= UInt64(bytes.count), entryCount <= UInt64(bytes.count)
        else { return false }
        var groups: [(first: Int64, length: Int)] = []
        groups.reserveCapacity(Int(groupCount))
        var first: Int64 = 0
        for _ in 0..<groupCount {
            guard let delta = reader.unsigned(), let length = reader.unsigned(), length <= UInt64(bytes.count) else {
                return false
            }
            first &+= Int64(bitPattern: delta)
            groups.append((first, Int(length)))
        }
        var body = reader
        var wantedIndex = 0
        for (number, group) in groups.enumerated() {
            let groupEnd = body.position + group.length
            guard groupEnd <= bytes.count else { return false }
            if let wanted {
                let nextFirst = number + 1 < groups.count ? groups[number + 1].first : Int64.max
                while wantedIndex < wanted.count, wanted[wantedIndex] < group.first { wantedIndex += 1 }
                // A series can continue into the next group, so test the id range up to and including its first id.
                guard wantedIndex < wanted.count, wanted[wantedIndex] <= nextFirst else {
                    guard body.skip(group.length) else { return false }
                    continue
                }
            }
            var series = group.first
            var scan = wantedIndex
            while body.position < groupEnd {
                guard let delta = body.unsigned(), let offset = body.signed(), let value = readValue(&body) else {
                    return false
                }
                series &+= Int64(bitPattern: delta)
                if let wanted {
                    while scan < wanted.count, wanted[scan] < series { scan += 1 }
                    guard scan < wanted.count, wanted[scan] == series else { continue }
                }
                visit(Entry(series: series, timestamp: base &+ offset, value: value))
            }
            guard body.position == groupEnd else { return false }
        }
        return true
    }

    private static func appendValue(_ value: Double, to bytes: inout [UInt8]) {
        if let scale = DecimalScale.smallestScale(for: value), scale <= maxTailScale,
            let integer = DecimalScale.scaled(value, scale: scale),
            ByteCoding.zigzag(integer) < (1 << 58)
        {
            ByteCoding.appendUnsigned(ByteCoding.zigzag(integer) << 4 | UInt64(scale) << 1, to: &bytes)
        } else {
            bytes.append(1)
            ByteCoding.appendDouble(value, to: &bytes)
        }
    }

    private static func readValue(_ reader: inout ByteReader) -> Double? {
        guard let code = reader.unsigned() else { return nil }
        if code & 1 == 1 { return code == 1 ? reader.double() : nil }
        return DecimalScale.value(ByteCoding.unzigzag(code >> 4), scale: Int((code >> 1) & 7))
    }
}
