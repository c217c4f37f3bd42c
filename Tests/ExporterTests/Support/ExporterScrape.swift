import Probe
import TestSupport
import TimeSeries

/// One `/metrics` answer from the exporter, parsed by Probe's `ParsedExposition`, with
/// lookups by metric name.
struct ExporterScrape {
    var response: LoopbackHTTPResponse
    var exposition: ParsedExposition

    /// GET /metrics on a fresh connection.
    static func fetch(port: Int) throws -> ExporterScrape {
        try ExporterScrape(LoopbackConnection.get(port: port))
    }

    /// GET /metrics on a kept-alive connection.
    static func fetch(over connection: LoopbackConnection) throws -> ExporterScrape {
        try ExporterScrape(connection.get())
    }

    init(_ response: LoopbackHTTPResponse) throws {
        self.response = response
        let format = ExpositionFormat.from(contentType: response.header("Content-Type"))
        exposition = try ParsedExposition.parse(response.body, format: format)
    }

    var samples: [Sample] { exposition.samples }

    /// The declared family, by name.
    func family(_ name: String) -> MetricFamily? {
        exposition.families.first { $0.name == name }
    }

    /// Every sample of one metric, in the order served.
    func samples(_ name: String) -> [Sample] {
        samples.filter { $0.labels.name == name }
    }

    /// The value of the one sample with this name and these labels (others ignored).
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples(name).first { sample in labels.allSatisfy { sample.labels[$0.key] == $0.value } }?.value
    }
}
