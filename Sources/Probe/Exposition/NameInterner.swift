import TimeSeries

/// Turns the bytes of metric and label names into shared `String`s, so each distinct name is decoded once.
///
/// Names are ids into this table; equal bytes always get the same id, which makes duplicate-name
/// checks an integer compare.
struct NameInterner {
    /// The id of `__name__`, which the table holds from the start.
    static let metricNameID: Int32 = 0

    private(set) var strings: [String] = []
    /// The `ByteHash` of each name's bytes.
    private(set) var hashes: [UInt64] = []
    private var ranges: [Range<Int>] = []
    private var pool: [UInt8] = []
    /// Open addressing with linear probing; -1 marks an empty slot.
    private var slots = [Int32](repeating: -1, count: 64)

    init() {
        let metricName = Array(Labels.metricName.utf8)
        _ = metricName.withUnsafeBufferPointer { intern($0) }
    }

    /// An interner to hold a place while the real one is in use elsewhere; it costs no allocation.
    static let placeholder = NameInterner()

    var count: Int { strings.count }

    /// The id of `name`, added when it is new.
    mutating func intern(_ name: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = ByteHash.hash(name)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 { return insert(name, hash: hash) }
            if hashes[Int(id)] == hash, matches(Int(id), name) { return id }
            slot = (slot + 1) & mask
        }
    }

    /// Where the name ends when the bytes at `start` spell name `id` and the name does not go on,
    /// so a repeated name is recognised without classifying its bytes one by one.
    func end(ofRepeated id: Int32, in buffer: UnsafeBufferPointer<UInt8>, at start: Int, limit: Int, continues: (UInt8) -> Bool) -> Int? {
        guard id >= 0, Int(id) < ranges.count else { return nil }
        let end = start + ranges[Int(id)].count
        guard end <= limit, end == limit || !continues(buffer[end]) else { return nil }
        return matches(Int(id), UnsafeBufferPointer(rebasing: buffer[start..<end])) ? end : nil
    }

    private func matches(_ id: Int, _ name: UnsafeBufferPointer<UInt8>) -> Bool {
        let range = ranges[id]
        guard range.count == name.count else { return false }
        guard let nameBase = name.baseAddress else { return true }
        return pool.withUnsafeBufferPointer { pool in
            guard let poolBase = pool.baseAddress else { return false }
            return ByteComparison.equal(poolBase + range.lowerBound, nameBase, count: range.count)
        }
    }

    private mutating func insert(_ name: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32 {
        let id = Int32(strings.count)
        ranges.append(pool.count..<(pool.count + name.count))
        pool.append(contentsOf: name)
        strings.append(String(decoding: name, as: UTF8.self))
        hashes.append(hash)
        if strings.count * 2 > slots.count {
            rebuildSlots(capacity: slots.count * 2)
        } else {
            place(id)
        }
        return id
    }

    private mutating func rebuildSlots(capacity: Int) {
        slots = [Int32](repeating: -1, count: capacity)
        for id in strings.indices { place(Int32(id)) }
    }

    private mutating func place(_ id: Int32) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hashes[Int(id)]) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = id
    }
}
