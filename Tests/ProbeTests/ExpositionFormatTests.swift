import Testing
import Probe

@Suite struct ExpositionFormatTests {
    @Test func picksFormatFromContentType() {
        #expect(ExpositionFormat.from(contentType: "application/openmetrics-text; version=1.0.0; charset=utf-8") == .openMetrics)
        #expect(ExpositionFormat.from(contentType: "text/plain; version=0.0.4") == .prometheusText)
        #expect(ExpositionFormat.from(contentType: nil) == .prometheusText)
    }
}
