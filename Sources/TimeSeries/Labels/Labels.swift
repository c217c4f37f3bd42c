/// A label set that identifies one series, kept sorted by name with unique names.
///
/// The metric name is the label `__name__`, as in Prometheus, so a series is its labels.
public struct Labels: Hashable, Sendable, RandomAccessCollection, CustomStringConvertible {
    /// The name Prometheus uses for the metric-name label.
    public static let metricName = "__name__"

    public private(set) var storage: [Label]
    /// The fingerprint, when worked out ahead (`fingerprinted()`): hashing and comparing label
    /// sets then reads one number instead of every string.
    private var knownFingerprint: UInt64?

    public init() { storage = [] }

    /// Builds a label set; when a name repeats, the last value wins. Empty values are dropped,
    /// because in Prometheus an empty label value is the same as no label.
    public init(_ labels: [Label]) {
        var sorted = labels.filter { !$0.value.isEmpty }
        sorted.sort { $0.name < $1.name }
        var unique: [Label] = []
        unique.reserveCapacity(sorted.count)
        for label in sorted {
            if let last = unique.last, last.name == label.name {
                unique[unique.count - 1] = label
            } else {
                unique.append(label)
            }
        }
        storage = unique
    }

    public init(_ pairs: KeyValuePairs<String, String>) {
        self.init(pairs.map { Label($0.key, $0.value) })
    }

    public init(_ dictionary: [String: String]) {
        self.init(dictionary.map { Label($0.key, $0.value) })
    }

    /// Wraps labels the caller already sorted by name with unique names and no empty values.
    public init(presorted: [Label]) { storage = presorted }

    /// Where the stored copy lives: a key to find a label set by its very copy, never read through.
    /// Two label sets alive at the same address share one copy, so they are equal.
    public var storageAddress: UnsafeRawPointer? {
        storage.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
    }

    public var startIndex: Int { storage.startIndex }
    public var endIndex: Int { storage.endIndex }
    public subscript(position: Int) -> Label { storage[position] }

    /// The value of a label, or nil when the set does not have it.
    public subscript(name: String) -> String? {
        var low = 0
        var high = storage.count
        while low < high {
            let mid = (low + high) / 2
            if storage[mid].name < name { low = mid + 1 } else { high = mid }
        }
        return low < storage.count && storage[low].name == name ? storage[low].value : nil
    }

    /// The metric name, or "" when the set has none.
    public var name: String {
        // `__name__` sorts before every lower-case label name, so it is nearly always first, and
        // an equality test is much cheaper than the search's ordered comparisons.
        if let first = storage.first, first.name == Labels.metricName { return first.value }
        return self[Labels.metricName] ?? ""
    }

    /// Sets a label (an empty value removes it), keeping the order.
    public mutating func set(_ name: String, _ value: String) {
        let index = storage.firstIndex { $0.name >= name } ?? storage.count
        let exists = index < storage.count && storage[index].name == name
        switch (exists, value.isEmpty) {
        case (true, true): storage.remove(at: index)
        case (true, false): storage[index].value = value
        case (false, false): storage.insert(Label(name, value), at: index)
        case (false, true): break
        }
        knownFingerprint = nil
    }

    /// Prometheus's label-set fingerprint (`model.LabelSet.Fingerprint`): FNV-1a 64 over each
    /// label in name order as name, 0xFF, value, 0xFF. Alertmanager names alerts by it, so the
    /// same alert has the same fingerprint here, in Prometheus and in Alertmanager.
    public var fingerprint: UInt64 {
        if let knownFingerprint { return knownFingerprint }
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

    /// The same labels with their fingerprint worked out once, for a set that will be hashed or
    /// compared many times (a scraped series, looked up in memory every cycle).
    public func fingerprinted() -> Labels {
        var copy = self
        copy.knownFingerprint = fingerprint
        return copy
    }

    /// Hashes the fingerprint: equal sets have equal fingerprints, however they were built.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(fingerprint)
    }

    public static func == (lhs: Labels, rhs: Labels) -> Bool {
        if let left = lhs.knownFingerprint, let right = rhs.knownFingerprint, left != right { return false }
        return lhs.storage == rhs.storage
    }

    /// A copy with a label set.
    public func setting(_ name: String, _ value: String) -> Labels {
        var copy = self
        copy.set(name, value)
        return copy
    }

    /// A copy without the given label names.
    public func removing(_ names: Set<String>) -> Labels {
        Labels(presorted: storage.filter { !names.contains($0.name) })
    }

    /// A copy keeping only the given label names.
    public func keeping(_ names: Set<String>) -> Labels {
        Labels(presorted: storage.filter { names.contains($0.name) })
    }

    /// `name{a="1", b="2"}`, the way Prometheus prints a series.
    public var description: String {
        var out = name
        let rest = storage.filter { $0.name != Labels.metricName }
        if rest.isEmpty && !out.isEmpty { return out }
        out += "{"
        out += rest.map { "\($0.name)=\"\(Labels.escape($0.value))\"" }.joined(separator: ", ")
        out += "}"
        return out
    }

    /// Escapes a label value as the exposition format and PromQL write it.
    public static func escape(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for character in value.unicodeScalars {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
