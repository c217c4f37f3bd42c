internal import History
public import TimeSeries

/// Writes a `prometheus.WriteRequest` straight into bytes: the same bytes swift-protobuf
/// serialises for the same message, without building a message object per sample.
///
/// Sending is the agent's hottest loop after polling, and most of a request is labels that do not
/// change from one batch to the next, so each series' labels are encoded once (`SeriesLabels`)
/// and copied in as bytes; the rest is written through a pointer into one growing buffer. Fields
/// follow proto3's rules as swift-protobuf applies them: a zero timestamp, a value whose bit
/// pattern is zero (+0.0, not -0.0) and an empty string are left out.
public struct WriteRequestEncoder: ~Copyable {
    /// The encoded `labels` fields of one `TimeSeries`, ready to copy into any request.
    public struct SeriesLabels: Sendable, Equatable {
        public let bytes: [UInt8]

        /// Encodes `labels` in the order given (sorted by name, as remote write requires).
        public init(_ labels: Labels) {
            var bytes: [UInt8] = []
            for label in labels {
                let name = label.name.utf8.count
                let value = label.value.utf8.count
                let body = Self.stringFieldSize(name) + Self.stringFieldSize(value)
                bytes.append(0x0A)
                ByteCoding.appendUnsigned(UInt64(body), to: &bytes)
                Self.appendString(label.name, field: 0x0A, length: name, to: &bytes)
                Self.appendString(label.value, field: 0x12, length: value, to: &bytes)
            }
            self.bytes = bytes
        }

        private static func stringFieldSize(_ length: Int) -> Int {
            length == 0 ? 0 : 1 + Varint.size(UInt64(length)) + length
        }

        private static func appendString(_ string: String, field: UInt8, length: Int, to bytes: inout [UInt8]) {
            guard length > 0 else { return }
            bytes.append(field)
            ByteCoding.appendUnsigned(UInt64(length), to: &bytes)
            bytes.append(contentsOf: string.utf8)
        }
    }

    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// How many bytes the request has so far.
    public private(set) var count = 0

    public init(reservingCapacity capacity: Int = 256) {
        self.capacity = max(capacity, 16)
        buffer = .allocate(capacity: self.capacity)
    }

    deinit { buffer.deallocate() }

    /// Empties the request, keeping the buffer: a sender reuses one for every batch.
    public mutating func removeAll() { count = 0 }

    /// The request so far.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: buffer, count: count)) }

    /// Calls `body` with the request's bytes, valid only inside the call.
    public func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: buffer, count: count))
    }

    /// Appends one `TimeSeries`: `labels`, then `samples` (timestamp in milliseconds, value) in
    /// the order given. `samples` is read twice: once to size the message, once to write it.
    public mutating func appendSeries(_ labels: SeriesLabels, samples: some Sequence<(Int64, Double)>) {
        labels.bytes.withUnsafeBytes { appendSeries(labelBytes: $0, samples: samples) }
    }

    /// The same with the labels already encoded (as `SeriesLabels` encodes them), from anywhere.
    public mutating func appendSeries(labelBytes labels: UnsafeRawBufferPointer, samples: some Sequence<(Int64, Double)>) {
        var samplesSize = 0
        for (timestamp, value) in samples { samplesSize += Self.sampleFieldSize(timestamp, value) }
        let seriesSize = labels.count + samplesSize
        reserve(1 + Varint.size(UInt64(seriesSize)) + seriesSize)
        var at = buffer + count
        at.write(0x0A)
        ByteCoding.writeUnsigned(UInt64(seriesSize), at: &at)
        at.copy(labels)
        for (timestamp, value) in samples {
            at.write(0x12)
            ByteCoding.writeUnsigned(UInt64(Self.sampleSize(timestamp, value)), at: &at)
            if value.bitPattern != 0 {
                at.write(0x09)
                UnsafeMutableRawPointer(at).storeBytes(of: value.bitPattern.littleEndian, as: UInt64.self)
                at += 8
            }
            if timestamp != 0 {
                at.write(0x10)
                ByteCoding.writeUnsigned(UInt64(bitPattern: timestamp), at: &at)
            }
        }
        count = at - buffer
    }

    /// Room for `more` bytes after `count`, growing the buffer at least twofold when it must grow.
    private mutating func reserve(_ more: Int) {
        guard count + more > capacity else { return }
        let grown = max(count + more, capacity * 2)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.update(from: buffer, count: count)
        buffer.deallocate()
        buffer = moved
        capacity = grown
    }

    private static func sampleSize(_ timestamp: Int64, _ value: Double) -> Int {
        (value.bitPattern != 0 ? 9 : 0) + (timestamp != 0 ? 1 + Varint.size(UInt64(bitPattern: timestamp)) : 0)
    }

    private static func sampleFieldSize(_ timestamp: Int64, _ value: Double) -> Int {
        let size = sampleSize(timestamp, value)
        return 1 + Varint.size(UInt64(size)) + size
    }
}

extension UnsafeMutablePointer<UInt8> {
    /// Copies a few hundred bytes at most, eight at a time: cheaper than calling `memmove` for
    /// each series' labels.
    fileprivate mutating func copy(_ bytes: UnsafeRawBufferPointer) {
        let count = bytes.count
        var offset = 0
        let target = UnsafeMutableRawPointer(self)
        while offset + 8 <= count {
            target.storeBytes(of: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self), toByteOffset: offset, as: UInt64.self)
            offset += 8
        }
        while offset < count {
            self[offset] = bytes[offset]
            offset += 1
        }
        self += count
    }

    fileprivate mutating func write(_ byte: UInt8) {
        pointee = byte
        self += 1
    }
}

/// Protobuf's base-128 varints.
enum Varint {
    static func size(_ value: UInt64) -> Int {
        // 7 bits a byte; at least one byte for zero.
        value == 0 ? 1 : (64 - value.leadingZeroBitCount + 6) / 7
    }
}
