@testable import Probe
import TimeSeries

/// Reads bodies through a `TargetSeriesCache` and, for comparison, through `ParsedExposition.parse`
/// labelled the way the scraper labels, both as samples or `line:column: message`.
struct SeriesCacheTesting {
    static let target = Labels(["job": "chat", "instance": "node-1:9100"])
    static let now = Timestamp(milliseconds: 1_700_000_000_000)

    var cache = TargetSeriesCache(targetLabels: Self.target)

    /// The samples the cache gives for `text`, or its error.
    mutating func read(_ text: String, _ format: ExpositionFormat = .prometheusText, strict: Bool = false) -> Result<[Sample], Failure> {
        read(bytes: Array(text.utf8), format, strict: strict)
    }

    mutating func read(bytes: [UInt8], _ format: ExpositionFormat = .prometheusText, strict: Bool = false) -> Result<[Sample], Failure> {
        do {
            return .success(try cache.read(bytes, format: format, strict: strict, at: Self.now).samples)
        } catch {
            return .failure(Failure(description: error.description))
        }
    }

    /// What reading `text` without a cache gives.
    static func reference(_ text: String, _ format: ExpositionFormat = .prometheusText, strict: Bool = false) -> Result<[Sample], Failure> {
        reference(bytes: Array(text.utf8), format, strict: strict)
    }

    static func reference(bytes: [UInt8], _ format: ExpositionFormat = .prometheusText, strict: Bool = false) -> Result<[Sample], Failure> {
        do {
            let parsed = try ParsedExposition.parse(bytes, format: format, strict: strict)
            return .success(parsed.samples.map {
                Sample(labels: $0.labels.addingTargetLabels(target), value: $0.value, timestamp: $0.timestamp ?? now)
            })
        } catch {
            return .failure(Failure(description: error.description))
        }
    }

    /// How many series the last successful read found new; a body that does not parse throws its
    /// `ExpositionParseError`.
    mutating func added(_ text: String) throws -> Int {
        do {
            return try cache.read(Array(text.utf8), format: .prometheusText, at: Self.now).seriesAdded
        } catch .parse(let error) {
            throw error
        } catch {
            throw error
        }
    }

    /// A parse error as text, so results compare with `==`.
    struct Failure: Error, Equatable {
        var description: String
    }
}
