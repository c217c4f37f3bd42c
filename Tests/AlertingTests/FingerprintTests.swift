import Alerting
import Testing
import TimeSeries

/// Fingerprints equal Prometheus's `model.LabelSet.Fingerprint`, so Alertmanager sees the same
/// identity. The expected values are those prometheus/common's own tests check.
@Suite struct FingerprintTests {
    @Test func matchesPrometheusKnownValues() {
        #expect(Labels().fingerprint == 14_695_981_039_346_656_037)
        #expect(labels("name", "garland, briggs", "fear", "love is not enough").fingerprint == 5_799_056_148_416_392_346)
        #expect(labels("first-label", "first-label-value").fingerprint == 5_146_282_821_936_882_169)
        #expect(
            labels("first-label", "first-label-value", "second-label", "second-label-value").fingerprint
                == 3_195_800_080_984_914_717)
        #expect(
            labels(
                "first-label", "first-label-value", "second-label", "second-label-value", "third-label", "third-label-value"
            ).fingerprint == 13_843_036_195_897_128_121)
    }

    @Test func hexFormIsSixteenDigits() {
        #expect(Labels().fingerprintText == "cbf29ce484222325")
        #expect(labels("a", "b").fingerprintText.count == 16)
    }

    @Test func anAlertCarriesTheFingerprintOfItsLabels() {
        let alertLabels = labels("alertname", "ErlangNodeDown", "instance", "chat1:9199")
        let alert = Alert(labels: alertLabels, state: .firing, value: 0, activeAt: Timestamp(milliseconds: 0))
        #expect(alert.fingerprint == alertLabels.fingerprint)
    }
}
