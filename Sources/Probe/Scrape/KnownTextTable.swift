/// Texts a target sent before, such as series texts (`name{labels}`) or metadata lines, found by
/// their exact bytes, each with what its owner learned from it: a value (an index into the owner's
/// records) and a mark (a position within the text).
///
/// Open addressing with linear probing; each slot holds a whole record so a lookup touches one
/// slot and the stored bytes. Equal hashes are never trusted: the bytes are compared.
struct KnownTextTable {
    private struct Slot {
        /// `ByteHash` of the text; unused while `value` is -1.
        var hash: UInt64 = 0
        var start = 0
        var count: Int32 = 0
        var mark: Int32 = 0
        var value: Int32 = -1
        /// The last read that met this text, for pruning.
        var seenPass = 0
    }

    private var slots = [Slot](repeating: Slot(), count: 16)
    /// The texts' bytes, back to back.
    private var pool: [UInt8] = []
    private(set) var count = 0

    /// The slot holding `text`, or nil when the table does not have it.
    func find(_ text: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot.value < 0 { return nil }
            if slot.hash == hash, Int(slot.count) == text.count, matches(slot, text) { return index }
            index = (index + 1) & mask
        }
    }

    /// The value stored with the text in `slot`.
    func value(at slot: Int) -> Int32 { slots[slot].value }

    /// The mark stored with the text in `slot`.
    func mark(at slot: Int) -> Int { Int(slots[slot].mark) }

    /// Records that read `pass` met the text in `slot`; true the first time in that read.
    @discardableResult
    mutating func markSeen(_ slot: Int, pass: Int) -> Bool {
        guard slots[slot].seenPass != pass else { return false }
        slots[slot].seenPass = pass
        return true
    }

    /// Adds a text the table does not have yet, as met by read `pass`.
    mutating func insert(_ text: UnsafeBufferPointer<UInt8>, hash: UInt64, mark: Int, value: Int32, pass: Int) {
        if (count + 1) * 2 > slots.count { rehash(capacity: slots.count * 2) }
        let start = pool.count
        pool.append(contentsOf: text)
        place(Slot(hash: hash, start: start, count: Int32(text.count), mark: Int32(mark), value: value, seenPass: pass))
        count += 1
    }

    /// Keeps only the texts met by read `pass`, giving each the value `renumbered` maps its old one to.
    mutating func keep(seenIn pass: Int, renumbered: [Int32]) {
        let kept = slots.filter { $0.value >= 0 && $0.seenPass == pass }
        let oldPool = pool
        pool = []
        pool.reserveCapacity(kept.reduce(0) { $0 + Int($1.count) })
        slots = [Slot](repeating: Slot(), count: Self.capacity(for: kept.count))
        count = 0
        for var slot in kept {
            let start = pool.count
            pool.append(contentsOf: oldPool[slot.start..<(slot.start + Int(slot.count))])
            slot.start = start
            slot.value = renumbered[Int(slot.value)]
            place(slot)
            count += 1
        }
    }

    mutating func removeAll() {
        self = KnownTextTable()
    }

    /// Reads one byte of every cache line the table occupies and folds them into `sum`, so a
    /// following burst of lookups finds the table in the CPU cache instead of missing on nearly
    /// every one (the tables of many targets are read in turn, and together outgrow the cache).
    func touchMemory(into sum: inout UInt64) {
        slots.withUnsafeBytes { Self.touch($0, into: &sum) }
        pool.withUnsafeBytes { Self.touch($0, into: &sum) }
    }

    static func touch(_ bytes: UnsafeRawBufferPointer, into sum: inout UInt64) {
        var offset = 0
        while offset < bytes.count {
            sum &+= UInt64(bytes.load(fromByteOffset: offset, as: UInt8.self))
            offset += 64
        }
    }

    private func matches(_ slot: Slot, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let textBase = text.baseAddress else { return true }
        return pool.withUnsafeBufferPointer { pool in
            guard let poolBase = pool.baseAddress else { return false }
            return ByteComparison.equal(poolBase + slot.start, textBase, count: text.count)
        }
    }

    private mutating func place(_ slot: Slot) {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: slot.hash) & mask
        while slots[index].value >= 0 { index = (index + 1) & mask }
        slots[index] = slot
    }

    private mutating func rehash(capacity: Int) {
        let old = slots
        slots = [Slot](repeating: Slot(), count: capacity)
        for slot in old where slot.value >= 0 { place(slot) }
    }

    /// A power of two at least twice `count`, so probes stay short.
    private static func capacity(for count: Int) -> Int {
        var capacity = 16
        while capacity < count * 2 { capacity *= 2 }
        return capacity
    }
}
