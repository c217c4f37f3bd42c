public import TimeSeries
internal import SwiftProtobuf

/// Remote write 1.0 on the wire, exactly as Prometheus sends it: a protobuf
/// `prometheus.WriteRequest`, snappy block-compressed, with Prometheus's headers.
public enum WireFormat {
    /// One series of a request: labels sorted by name, samples in time order.
    public struct Series: Sendable, Equatable {
        public var labels: Labels
        public var timestamps: [Int64]
        public var values: [Double]

        public init(labels: Labels, timestamps: [Int64] = [], values: [Double] = []) {
            self.labels = labels
            self.timestamps = timestamps
            self.values = values
        }

        public static func == (lhs: Series, rhs: Series) -> Bool {
            lhs.labels == rhs.labels && lhs.timestamps == rhs.timestamps
                && lhs.values.map(\.bitPattern) == rhs.values.map(\.bitPattern)
        }
    }

    /// The version a remote-write 1.0 sender announces.
    public static let protocolVersion = "0.1.0"

    /// The headers of every request (auth and user headers come on top).
    public static func headers(version: String) -> [(String, String)] {
        [
            ("Content-Encoding", "snappy"),
            ("Content-Type", "application/x-protobuf"),
            ("X-Prometheus-Remote-Write-Version", protocolVersion),
            ("User-Agent", "Backlog/\(version)"),
        ]
    }

    /// The protobuf bytes of a `WriteRequest`, uncompressed.
    public static func protobuf(_ series: [Series]) -> [UInt8] {
        var encoder = WriteRequestEncoder()
        for one in series {
            encoder.appendSeries(WriteRequestEncoder.SeriesLabels(one.labels), samples: zip(one.timestamps, one.values))
        }
        return encoder.bytes
    }

    /// The same bytes through swift-protobuf's generated message: the reference the encoder is
    /// checked against.
    static func messageBytes(_ series: [Series]) -> [UInt8] {
        var request = Prometheus_WriteRequest()
        request.timeseries.reserveCapacity(series.count)
        for one in series {
            var timeSeries = Prometheus_TimeSeries()
            timeSeries.labels = one.labels.map { label in
                var wire = Prometheus_Label()
                wire.name = label.name
                wire.value = label.value
                return wire
            }
            timeSeries.samples.reserveCapacity(one.timestamps.count)
            for (timestamp, value) in zip(one.timestamps, one.values) {
                var sample = Prometheus_Sample()
                sample.timestamp = timestamp
                sample.value = value
                timeSeries.samples.append(sample)
            }
            request.timeseries.append(timeSeries)
        }
        // Serializing a message built in memory, with no required fields, cannot fail.
        return (try? request.serializedBytes()) ?? []
    }

    /// The body of a request: the protobuf bytes, snappy block-compressed.
    public static func body(_ series: [Series]) -> [UInt8] { Snappy.compress(protobuf(series)) }

    /// Reads a body back (tests, and a receiver double): nil when it is not snappy or not a WriteRequest.
    public static func decode(body: [UInt8]) -> [Series]? {
        guard let bytes = Snappy.decompress(body), let request = try? Prometheus_WriteRequest(serializedBytes: bytes)
        else { return nil }
        return request.timeseries.map { series in
            Series(
                labels: Labels(series.labels.map { Label($0.name, $0.value) }),
                timestamps: series.samples.map(\.timestamp), values: series.samples.map(\.value))
        }
    }
}
