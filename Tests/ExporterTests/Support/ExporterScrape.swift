import Probe
import TimeSeries

/// One `/metrics` answer from the exporter, fetched with Probe's `CurlTransport` and parsed
/// by its `ParsedExposition`, with lookups by metric name.
struct ExporterScrape {
    var response: HTTPResponse
    var exposition: ParsedExposition

    /// GET `url`; the transport keeps the connection for its next request (keep-alive).
    static func fetch(_ url: String, with transport: CurlTransport) throws -> ExporterScrape {
        let result = transport.perform([HTTPRequestSpec(url: url, timeout: .seconds(5))])[0]
        return try ExporterScrape(result.get())
    }

    init(_ response: HTTPResponse) throws {
        self.response = response
        exposition = try ParsedExposition.parse(response.body, format: ExpositionFormat.from(contentType: response.contentType))
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
