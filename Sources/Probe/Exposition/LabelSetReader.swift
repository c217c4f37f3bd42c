import TimeSeries

/// Reads label sets (`{a="1",b="2"}`) and turns them into sorted `Labels` and a hash of the set.
///
/// Consecutive samples of a family almost always repeat their label names in the same order and
/// many of their values, so the reader remembers the previous set: a repeated value costs a byte
/// compare instead of a new `String`, and a repeated name order skips the sort.
struct LabelSetReader {
    /// A label as read, before sorting; its value is `recentValues` at the same position.
    struct PendingLabel {
        var nameID: Int32
        var nameOffset: Int
        /// `ByteHash.label` of the name and the value.
        var hash: UInt64
        var hasValue: Bool
    }

    /// The value last read at one position of the set, identified by its raw (still escaped) bytes.
    struct RecentValue {
        var start: Int
        /// The raw length; 0 for an empty value (escapes never decode to nothing).
        var count: Int
        var value: String
        var hash: UInt64
    }

    /// The labels read since `reset`: the first `count` elements; later ones are spare capacity.
    private(set) var pending: [PendingLabel] = []
    private(set) var count = 0
    var recentValues: [RecentValue] = []
    /// The name ids of the last set whose order was worked out, and that order.
    private(set) var knownNameIDs: [Int32] = []
    private var knownOrder: [Int] = []
    var decoded: [UInt8] = []

    mutating func reset() {
        count = 0
    }

    /// Adds the metric name, `length` bytes at `offset`, as `__name__`, which is not read from braces.
    mutating func addMetricName(_ nameID: Int32, at offset: Int, length: Int, names: inout NameInterner) {
        let hash = names.hashes[Int(nameID)]
        if count < recentValues.count {
            // Consecutive samples mostly share a name; skipping the store saves a retain and a release.
            if recentValues[count].hash != hash || recentValues[count].value != names.strings[Int(nameID)] {
                recentValues[count] = RecentValue(start: offset, count: length, value: names.strings[Int(nameID)], hash: hash)
            }
        } else {
            recentValues.append(RecentValue(start: offset, count: length, value: names.strings[Int(nameID)], hash: hash))
        }
        append(nameID: NameInterner.metricNameID, nameOffset: offset, valueHash: hash, hasValue: true, names: &names)
    }

    /// Records a label whose value is now `recentValues[count]`.
    mutating func append(nameID: Int32, nameOffset: Int, valueHash: UInt64, hasValue: Bool, names: inout NameInterner) {
        let label = PendingLabel(
            nameID: nameID, nameOffset: nameOffset,
            hash: ByteHash.label(name: names.hashes[Int(nameID)], value: valueHash),
            hasValue: hasValue
        )
        if count < pending.count { pending[count] = label } else { pending.append(label) }
        count += 1
    }

    /// The labels added since `reset`, sorted by name and without empty values, and the hash of the set.
    /// Throws when a name repeats, at its second occurrence.
    mutating func build(names: inout NameInterner, cursor: ByteCursor) throws(ExpositionParseError) -> (labels: Labels, hash: UInt64) {
        if !repeatsKnownNames() { try learnOrder(names: &names, cursor: cursor) }
        var hash: UInt64 = 0
        let labels = [Label](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in knownOrder where pending[index].hasValue {
                // Prometheus treats an empty value as no label at all, so those were skipped.
                let label = Label(names.strings[Int(pending[index].nameID)], recentValues[index].value)
                buffer.initializeElement(at: initialized, to: label)
                initialized += 1
                hash &+= pending[index].hash
            }
        }
        return (Labels(presorted: labels), hash)
    }

    private func repeatsKnownNames() -> Bool {
        guard count == knownNameIDs.count else { return false }
        for index in 0..<count where pending[index].nameID != knownNameIDs[index] { return false }
        return true
    }

    private mutating func learnOrder(names: inout NameInterner, cursor: ByteCursor) throws(ExpositionParseError) {
        let read = pending[0..<count]
        let order = read.indices.sorted { left, right in
            let leftID = read[left].nameID
            let rightID = read[right].nameID
            return leftID == rightID ? left < right : names.strings[Int(leftID)] < names.strings[Int(rightID)]
        }
        // Equal names now sit side by side in reading order; report the earliest repeat.
        let repeats = zip(order, order.dropFirst()).filter { read[$0].nameID == read[$1].nameID }
        if let repeated = repeats.map(\.1).min() {
            let name = names.strings[Int(read[repeated].nameID)]
            throw cursor.error("duplicate label name \(MessageText.quoted(name))", at: read[repeated].nameOffset)
        }
        knownNameIDs = read.map(\.nameID)
        knownOrder = order
    }
}
