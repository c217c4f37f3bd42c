internal import TimeSeries

/// Decodes chunks written by `ChunkEncoder`; every malformed input is reported, never trapped on.
enum ChunkDecoder {
    /// Appends every sample of the chunk; false when the bytes are not a well-formed chunk.
    static func decodeAll(_ bytes: [UInt8], timestamps: inout [Int64], values: inout [Double]) -> Bool {
        decode(bytes, from: .min, through: .max, timestamps: &timestamps, values: &values)
    }

    /// Appends the samples with `from <= t <= through`; false when the bytes are not a well-formed chunk.
    static func decode(
        _ bytes: [UInt8], from: Int64, through: Int64, timestamps: inout [Int64], values: inout [Double]
    ) -> Bool {
        guard let (format, start) = ChunkFormat.read(bytes) else { return false }
        var bits = BitReader(bytes, start: start)
        return decode(format, from: &bits, from: from, through: through, timestamps: &timestamps, values: &values)
    }

    /// Appends the samples with `from <= t <= through` of a sample stream described by `format`.
    static func decode(
        _ format: ChunkFormat, from bits: inout BitReader, from: Int64, through: Int64,
        timestamps: inout [Int64], values: inout [Double]
    ) -> Bool {
        var timestamp = format.firstTimestamp
        var delta: Int64 = 0
        var value = 0.0
        var scaled: Int64 = 0
        var leading = 0
        var trailing = 0
        for index in 0..<format.count {
            if index > 0 {
                guard let dod = BucketCode.timestamps.read(from: &bits) else { return false }
                delta &+= dod &* format.tick
                timestamp &+= delta
            }
            switch format.mode {
            case .decimal(let scale, false):
                guard let change = BucketCode.values.read(from: &bits) else { return false }
                scaled = index == 0 ? change : scaled &+ change
                value = DecimalScale.value(scaled, scale: scale)
            case .decimal(let scale, true):
                guard let marked = BucketCode.values.readMarked(from: &bits) else { return false }
                if let change = marked {
                    scaled = index == 0 ? change : scaled &+ change
                    value = DecimalScale.value(scaled, scale: scale)
                } else {
                    value = Sample.staleMarker
                }
            case .xor:
                if index == 0 {
                    guard let raw = bits.read(64) else { return false }
                    value = Double(bitPattern: raw)
                } else {
                    guard let xor = readXOR(&bits, leading: &leading, trailing: &trailing) else { return false }
                    value = Double(bitPattern: value.bitPattern ^ xor)
                }
            }
            if timestamp > through { break }
            if timestamp >= from {
                timestamps.append(timestamp)
                values.append(value)
            }
        }
        return true
    }

    private static func readXOR(_ bits: inout BitReader, leading: inout Int, trailing: inout Int) -> UInt64? {
        guard let changed = bits.readBit() else { return nil }
        if !changed { return 0 }
        guard let newWindow = bits.readBit() else { return nil }
        if newWindow {
            guard let zerosBefore = bits.read(5), let length = bits.read(6) else { return nil }
            let meaningful = length == 0 ? 64 : Int(length)
            guard Int(zerosBefore) + meaningful <= 64 else { return nil }
            leading = Int(zerosBefore)
            trailing = 64 - leading - meaningful
        }
        guard leading + trailing < 64, let raw = bits.read(64 - leading - trailing) else { return nil }
        return raw << UInt64(trailing)
    }
}
