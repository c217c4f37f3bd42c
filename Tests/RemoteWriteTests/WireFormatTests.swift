@testable import RemoteWrite
import Testing
import TimeSeries

/// The bytes on the wire: protobuf as Prometheus's prompb, snappy block format, the headers.
@Suite struct WireFormatTests {
    @Test func snappyBlockFormatAndRoundTrip() throws {
        // A block starts with the length as a varint, then a literal tag ((5 - 1) << 2) and the bytes.
        #expect(Snappy.compress(Array("hello".utf8)) == [0x05, 0x10] + Array("hello".utf8))
        let repetitive = Array(String(repeating: "erlang_process_message_queue_len ", count: 200).utf8)
        let compressed = Snappy.compress(repetitive)
        #expect(compressed.count < repetitive.count / 10)
        #expect(Snappy.decompress(compressed) == repetitive)
        #expect(Snappy.decompress([0xFF, 0xFF, 0xFF]) == nil, "not a snappy block")
    }

    @Test func protobufFieldNumbersMatchPrompb() {
        let series = [WireFormat.Series(labels: Labels(["__name__": "up", "job": "a"]), timestamps: [1000], values: [1])]
        let bytes = WireFormat.protobuf(series)
        // WriteRequest.timeseries = 1 (length-delimited), TimeSeries.labels = 1, Label.name = 1,
        // Label.value = 2, TimeSeries.samples = 2, Sample.value = 1 (double), Sample.timestamp = 2 (varint).
        let label1: [UInt8] = [0x0A, 0x0E, 0x0A, 0x08] + Array("__name__".utf8) + [0x12, 0x02] + Array("up".utf8)
        let label2: [UInt8] = [0x0A, 0x08, 0x0A, 0x03] + Array("job".utf8) + [0x12, 0x01] + Array("a".utf8)
        let sample: [UInt8] = [0x12, 0x0C, 0x09, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0x10, 0xE8, 0x07]
        let inner = label1 + label2 + sample
        #expect(bytes == [0x0A, UInt8(inner.count)] + inner)
    }

    @Test func encoderWritesWhatSwiftProtobufSerialises() {
        // Every field rule proto3 has: zero value and zero timestamp left out, -0.0 and NaN kept,
        // negative timestamps as 10-byte varints, empty label values left out, multi-byte UTF-8,
        // and a label long enough for a two-byte length.
        let long = String(repeating: "x", count: 300)
        let series = [
            WireFormat.Series(
                labels: Labels(["__name__": "erlang_process_message_queue_len", "name": "chat_router", "pid": "<0.1.0>"]),
                timestamps: [1_700_000_000_000, 0, -5, Int64.max, Int64.min],
                values: [0, -0.0, Sample.staleMarker, .infinity, 1e300]),
            WireFormat.Series(labels: Labels(["__name__": "up", "empty": "", "ünïcode": "värde", "long": long]),
                              timestamps: [1], values: [1]),
            WireFormat.Series(labels: Labels(["__name__": "no_samples"])),
            WireFormat.Series(labels: Labels(), timestamps: [7], values: [3.5]),
        ]
        #expect(WireFormat.protobuf(series) == WireFormat.messageBytes(series))
        let many = (0..<500).map { index in
            WireFormat.Series(
                labels: Labels(["__name__": "q", "pid": "<0.\(index).0>"]),
                timestamps: (0..<Int64(index % 4)).map { 1_700_000_000_000 + $0 * 1000 },
                values: (0..<(index % 4)).map { Double(($0 * index) % 9) })
        }
        #expect(WireFormat.protobuf(many) == WireFormat.messageBytes(many))
    }

    @Test func bodyDecodesBackWithStaleMarkerBits() throws {
        let series = [
            WireFormat.Series(
                labels: Labels(["__name__": "erlang_process_message_queue_len", "pid": "<0.1.0>", "instance": "n1:9199"]),
                timestamps: [1_700_000_000_000, 1_700_000_005_000, 1_700_000_010_000],
                values: [42, 17.25, Sample.staleMarker]),
            WireFormat.Series(labels: Labels(["__name__": "up"]), timestamps: [5], values: [0]),
        ]
        let decoded = try #require(WireFormat.decode(body: WireFormat.body(series)))
        #expect(decoded == series)
        #expect(decoded[0].values[2].bitPattern == 0x7FF0_0000_0000_0002)
        #expect(decoded[0].labels.map(\.name) == ["__name__", "instance", "pid"], "labels sorted by name")
    }

    @Test func headersAsPrometheusSendsThem() {
        let headers = Dictionary(uniqueKeysWithValues: WireFormat.headers(version: "0.1"))
        #expect(headers["Content-Encoding"] == "snappy")
        #expect(headers["Content-Type"] == "application/x-protobuf")
        #expect(headers["X-Prometheus-Remote-Write-Version"] == "0.1.0")
        #expect(headers["User-Agent"] == "Backlog/0.1")
    }

    @Test func retryDecisionsAsPrometheus() {
        #expect(RetryDecision(.status(200, body: "")) == .sent)
        #expect(RetryDecision(.status(204, body: "")) == .sent)
        #expect(RetryDecision(.status(429, body: "")) == .retry)
        #expect(RetryDecision(.status(500, body: "")) == .retry)
        #expect(RetryDecision(.status(503, body: "")) == .retry)
        #expect(RetryDecision(.status(400, body: "bad")) == .drop)
        #expect(RetryDecision(.status(401, body: "")) == .drop)
        #expect(RetryDecision(.status(404, body: "")) == .drop)
        #expect(RetryDecision(.failed(.timedOut, reason: "")) == .retry)
        #expect(RetryDecision(.failed(.connection, reason: "")) == .retry)
        #expect(RetryDecision(.failed(.tls, reason: "")) == .retry)
    }

    @Test func backoffDoublesUpToTheMaximum() {
        var backoff = Backoff(min: .millis(30), max: .seconds(5))
        let waits = (0..<10).map { _ in backoff.step().milliseconds }
        #expect(waits == [30, 60, 120, 240, 480, 960, 1920, 3840, 5000, 5000])
        backoff.reset()
        #expect(backoff.step().milliseconds == 30)
    }

    @Test func endpointsNeverShowTheirSecrets() {
        let endpoint = RemoteWriteEndpoint(
            url: "https://user:pw-123@metrics.example:8443/api/v1/write?api_key=s3cr3t-key", auth: .bearer("tok-abc"),
            headers: [("X-Scope-OrgID", "tenant-7")])
        #expect(endpoint.remoteName == "metrics.example:8443")
        let scrubbed = endpoint.scrub("failed https://user:pw-123@metrics.example:8443/api/v1/write?api_key=s3cr3t-key tok-abc s3cr3t-key")
        #expect(!scrubbed.contains("s3cr3t"))
        #expect(!scrubbed.contains("tok-abc"))
        #expect(!scrubbed.contains("pw-123"))
    }
}
