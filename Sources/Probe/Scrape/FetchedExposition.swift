/// A target's response, parsed but not yet labelled: what `backlog scrape` prints.
public struct FetchedExposition: Sendable {
    public var exposition: ParsedExposition
    public var format: ExpositionFormat
    public var bodyBytes: Int
    /// Seconds for the HTTP request.
    public var fetchDuration: Double
    /// Seconds for parsing the body.
    public var parseDuration: Double
}
