public import TimeSeries

/// Where the engine reads series from. The History store implements it; tests, `rules test` and
/// benchmarks use `InMemorySeriesReader`.
public protocol SeriesReader: Sendable {
    /// The series whose labels satisfy every matcher, in label order (as Prometheus's storage
    /// returns them, which decides the order of query results), with all their samples from
    /// `from` through `through` inclusive.
    ///
    /// Samples outside that interval, and series without samples in it, may be included: the
    /// engine ignores them, so a store can hand over whole chunks without trimming them.
    func series(matching matchers: [LabelMatcher], from: Timestamp, through: Timestamp) throws -> [StoredSeries]
}
