internal import TimeSeries

/// Builds one chunk sample by sample, so an open head chunk costs only its compressed bits.
///
/// The value mode is chosen from the first value (the smallest exact decimal scale, else XOR); a
/// later value that does not fit re-encodes the chunk once in a mode that holds everything. A
/// staleness marker keeps a decimal chunk decimal, re-encoded once to mark staleness.
///
/// Timestamps are counted in whole seconds (`ChunkFormat.tick`) when the first two samples are a
/// whole number of seconds apart, as an agent's are; a later gap that is not re-encodes the chunk
/// once in milliseconds.
struct ChunkEncoder: Sendable {
    private(set) var count = 0
    private(set) var firstTimestamp: Int64 = 0
    private(set) var lastTimestamp: Int64 = 0
    private(set) var lastValue: Double = 0
    private(set) var mode: ChunkFormat.ValueMode = .xor
    /// The unit of timestamp deltas, chosen at the second sample.
    private(set) var tick: Int64 = 1
    private var lastDelta: Int64 = 0
    private var lastScaled: Int64 = 0
    private var leading = 0
    private var trailing = 0
    private var hasWindow = false
    private var bits = BitWriter()

    init() {}

    /// An empty encoder that keeps `mode` whatever values come first, and `tick` when given
    /// (used when re-encoding).
    private init(forcing mode: ChunkFormat.ValueMode, tick: Int64?) {
        self.mode = mode
        forced = true
        if let tick {
            self.tick = tick
            tickForced = true
        }
    }
    private var forced = false
    private var tickForced = false

    /// The tick chosen when the first two samples are this many milliseconds apart, or an exact multiple.
    static let secondTick: Int64 = 1000

    var isEmpty: Bool { count == 0 }

    /// Appends a sample; timestamps must not decrease (the store rejects out-of-order samples first).
    mutating func append(_ timestamp: Int64, _ value: Double) {
        let isStale = Sample.isStaleMarker(value)
        if count == 0 {
            if !forced {
                mode = isStale ? .decimal(scale: 0, marksStaleness: true)
                    : DecimalScale.smallestScale(for: value).map { .decimal(scale: $0) } ?? .xor
            }
            firstTimestamp = timestamp
            lastTimestamp = timestamp
            writeValue(value, first: true)
            count = 1
            return
        }
        if case .decimal(let scale, let marks) = mode {
            if isStale {
                if !marks { reencode(to: .decimal(scale: scale, marksStaleness: true)) }
            } else if DecimalScale.scaled(value, scale: scale) == nil {
                reencode(toHold: value, scale: scale, marksStaleness: marks)
            }
        }
        let delta = timestamp &- lastTimestamp
        if count == 1 {
            if !tickForced { tick = delta > 0 && delta % Self.secondTick == 0 ? Self.secondTick : 1 }
        } else if delta % tick != 0 {
            reencode(tick: 1)
        }
        BucketCode.timestamps.write((delta &- lastDelta) / tick, to: &bits)
        lastDelta = delta
        lastTimestamp = timestamp
        writeValue(value, first: false)
        count += 1
    }

    /// The compressed size of the samples so far, without the header.
    var byteCount: Int { (bits.bitCount + 7) / 8 }

    /// Appends the samples with `from <= t <= through`, reading the bit stream without building
    /// the chunk's bytes: what in-memory reads of open heads do for every series.
    func decode(from: Int64, through: Int64, timestamps: inout [Int64], values: inout [Double]) -> Bool {
        guard count > 0 else { return true }
        var reader = BitReader(bits)
        return ChunkDecoder.decode(
            ChunkFormat(mode: mode, count: count, firstTimestamp: firstTimestamp, tick: tick), from: &reader, from: from, through: through,
            timestamps: &timestamps, values: &values)
    }

    /// The same for a head read in place: calling a method on a head in a slot array copies the
    /// whole encoder (retaining its bytes) for every series a selection reads.
    static func decode(
        _ head: UnsafePointer<ChunkEncoder>, from: Int64, through: Int64, timestamps: inout [Int64], values: inout [Double]
    ) -> Bool {
        guard head.pointee.count > 0 else { return true }
        var reader = BitReader(head.pointee.bits)
        return ChunkDecoder.decode(
            ChunkFormat(
                mode: head.pointee.mode, count: head.pointee.count, firstTimestamp: head.pointee.firstTimestamp,
                tick: head.pointee.tick),
            from: &reader, from: from, through: through, timestamps: &timestamps, values: &values)
    }

    /// The finished chunk bytes; the encoder stays open for more samples.
    var encoded: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bits.bitCount / 8 + 12)
        ChunkFormat(mode: mode, count: count, firstTimestamp: firstTimestamp, tick: tick).appendHeader(to: &out)
        out.append(contentsOf: bits.finishedBytes)
        return out
    }

    private mutating func writeValue(_ value: Double, first: Bool) {
        switch mode {
        case .decimal(let scale, false):
            let scaled = DecimalScale.scaled(value, scale: scale) ?? 0
            BucketCode.values.write(first ? scaled : scaled &- lastScaled, to: &bits)
            lastScaled = scaled
        case .decimal(let scale, true):
            // A marker leaves the scaled value where it was: the next value is coded from the last real one.
            guard !Sample.isStaleMarker(value), let scaled = DecimalScale.scaled(value, scale: scale) else {
                BucketCode.values.writeMarked(nil, to: &bits)
                return
            }
            BucketCode.values.writeMarked(first ? scaled : scaled &- lastScaled, to: &bits)
            lastScaled = scaled
        case .xor:
            if first {
                bits.write(value.bitPattern, count: 64)
            } else {
                writeXOR(value.bitPattern ^ lastValue.bitPattern)
            }
        }
        lastValue = value
    }

    /// Gorilla: `0` for an unchanged value; `10` + bits inside the previous window of meaningful bits;
    /// `11` + 5 bits of leading zeros + 6 bits of length (0 meaning 64) + the meaningful bits.
    private mutating func writeXOR(_ xor: UInt64) {
        guard xor != 0 else {
            bits.write(0, count: 1)
            return
        }
        let zerosBefore = min(xor.leadingZeroBitCount, 31)
        let zerosAfter = xor.trailingZeroBitCount
        if hasWindow, zerosBefore >= leading, zerosAfter >= trailing {
            bits.write(0b10, count: 2)
            bits.write(xor >> UInt64(trailing), count: 64 - leading - trailing)
            return
        }
        let length = 64 - zerosBefore - zerosAfter
        bits.write(0b11, count: 2)
        bits.write(UInt64(zerosBefore), count: 5)
        bits.write(UInt64(length == 64 ? 0 : length), count: 6)
        bits.write(xor >> UInt64(zerosAfter), count: length)
        leading = zerosBefore
        trailing = zerosAfter
        hasWindow = true
    }

    /// Rebuilds the chunk in the smallest decimal scale that also holds `value`, or in XOR mode.
    private mutating func reencode(toHold value: Double, scale: Int, marksStaleness: Bool) {
        let (timestamps, values) = samples()
        var target: ChunkFormat.ValueMode = .xor
        if let wider = DecimalScale.smallestScale(for: value, from: scale + 1),
            values.allSatisfy({ Sample.isStaleMarker($0) || DecimalScale.scaled($0, scale: wider) != nil })
        {
            target = .decimal(scale: wider, marksStaleness: marksStaleness)
        }
        rebuild(timestamps, values, as: target)
    }

    /// Rebuilds the chunk in `mode`, which must hold every value so far.
    private mutating func reencode(to mode: ChunkFormat.ValueMode) {
        let (timestamps, values) = samples()
        rebuild(timestamps, values, as: mode)
    }

    /// Rebuilds the chunk with timestamps counted in units of `tick`, which must divide every delta so far.
    private mutating func reencode(tick: Int64) {
        let (timestamps, values) = samples()
        rebuild(timestamps, values, as: mode, tick: tick)
    }

    private func samples() -> (timestamps: [Int64], values: [Double]) {
        var timestamps: [Int64] = []
        var values: [Double] = []
        // The encoder's own output always decodes; a failure here would be a bug in this file.
        let decoded = ChunkDecoder.decodeAll(encoded, timestamps: &timestamps, values: &values)
        precondition(decoded, "chunk encoder produced an undecodable chunk")
        return (timestamps, values)
    }

    private mutating func rebuild(_ timestamps: [Int64], _ values: [Double], as mode: ChunkFormat.ValueMode, tick: Int64? = nil) {
        // Before the second sample the tick is not chosen yet: the rebuilt chunk chooses it.
        var rebuilt = ChunkEncoder(forcing: mode, tick: tick ?? (count >= 2 ? self.tick : nil))
        for index in timestamps.indices { rebuilt.append(timestamps[index], values[index]) }
        self = rebuilt
    }
}
