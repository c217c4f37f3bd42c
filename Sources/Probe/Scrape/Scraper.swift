import Foundation
public import TimeSeries

/// Polls a set of targets once per call: all requests concurrently over one libcurl multi loop,
/// then each body parsed and labelled as Prometheus would.
///
/// Keeps per-target memory (connections, the series seen last time) between calls, so one
/// `Scraper` should serve a target for its lifetime. Not for use from two threads at once.
public final class Scraper: @unchecked Sendable {
    let transport: CurlTransport
    let environment: [String: String]
    var seriesCaches: [String: TargetSeriesCache] = [:]

    /// - Parameter environment: where `bearer_token_env` and `password_env` are looked up; the process's own by default.
    public init(transport: CurlTransport = CurlTransport(), environment: [String: String]? = nil) {
        self.transport = transport
        self.environment = environment ?? ProcessInfo.processInfo.environment
    }

    /// Polls every target and returns one result per target, in order. Never throws: a failing
    /// target yields `up` 0 and its error, and the others are unaffected.
    public func scrape(_ targets: [ScrapeTarget], timeout: PromDuration, at timestamp: Timestamp) -> [TargetScrape] {
        let fetched = fetch(targets, timeout: timeout)
        var results: [TargetScrape] = []
        results.reserveCapacity(targets.count)
        for (target, outcome) in zip(targets, fetched) {
            switch outcome {
            case .success(let fetched): results.append(labelled(target: target, fetched: fetched, at: timestamp))
            case .failure(let failure): results.append(failed(target: target, error: failure.error, duration: failure.duration, at: timestamp))
            }
        }
        let live = Set(targets.map(\.url))
        seriesCaches = seriesCaches.filter { live.contains($0.key) }
        return results
    }

    /// A failed fetch and how long it took to fail.
    public struct FetchFailure: Error, Sendable {
        public var error: ScrapeError
        public var duration: Double
    }

    /// Requests and parses every target concurrently, without adding labels.
    ///
    /// - Parameter strictOpenMetrics: parse every body as strict OpenMetrics, whatever its content type.
    public func fetch(_ targets: [ScrapeTarget], timeout: PromDuration, strictOpenMetrics: Bool = false)
        -> [Result<FetchedExposition, FetchFailure>]
    {
        var requests: [HTTPRequestSpec] = []
        var outcomes: [Result<FetchedExposition, FetchFailure>?] = []
        var requestSlots: [Int] = []
        for target in targets {
            do {
                requests.append(try request(for: target, timeout: timeout))
                requestSlots.append(outcomes.count)
                outcomes.append(nil)
            } catch {
                outcomes.append(.failure(FetchFailure(error: error, duration: 0)))
            }
        }
        for (slot, response) in zip(requestSlots, transport.perform(requests)) {
            outcomes[slot] = parse(response, target: targets[slot], strictOpenMetrics: strictOpenMetrics)
        }
        return outcomes.map { $0! }
    }

    func request(for target: ScrapeTarget, timeout: PromDuration) throws(ScrapeError) -> HTTPRequestSpec {
        HTTPRequestSpec(
            key: target.url, url: target.url, headers: [("Accept", ExpositionFormat.acceptHeader)],
            connectTimeout: timeout, timeout: timeout, maxBodyBytes: target.maxBodyBytes,
            auth: try auth(for: target), tls: target.tls)
    }

    func parse(_ response: Result<HTTPResponse, TransportError>, target: ScrapeTarget, strictOpenMetrics: Bool)
        -> Result<FetchedExposition, FetchFailure>
    {
        let http: HTTPResponse
        switch response {
        case .failure(let error):
            let scrapeError = ScrapeError(kind: .transport(error.kind), url: target.url, reason: error.reason)
            return .failure(FetchFailure(error: scrapeError, duration: error.duration))
        case .success(let value): http = value
        }
        guard http.status == 200 else {
            let phrase = HTTPStatusText.phrase(http.status).map { " \($0)" } ?? ""
            let error = ScrapeError(kind: .httpStatus(http.status), url: target.url, reason: "server returned HTTP status \(http.status)\(phrase)")
            return .failure(FetchFailure(error: error, duration: http.duration))
        }
        let format = strictOpenMetrics ? .openMetrics : ExpositionFormat.from(contentType: http.contentType)
        let parseStart = MonotonicClock.nanoseconds()
        do {
            let exposition = try ParsedExposition.parse(http.body, format: format, strict: strictOpenMetrics)
            let parseDuration = Double(MonotonicClock.nanoseconds() - parseStart) / 1e9
            return .success(FetchedExposition(
                exposition: exposition, format: format, bodyBytes: http.body.count, fetchDuration: http.duration,
                parseDuration: parseDuration))
        } catch {
            let duration = http.duration + Double(MonotonicClock.nanoseconds() - parseStart) / 1e9
            let scrapeError = ScrapeError(
                kind: .parse(error), url: target.url,
                reason: "cannot parse the response: line \(error.line), column \(error.column): \(error.message)")
            return .failure(FetchFailure(error: scrapeError, duration: duration))
        }
    }

    func labelled(target: ScrapeTarget, fetched: FetchedExposition, at timestamp: Timestamp) -> TargetScrape {
        let parsed = fetched.exposition
        var cache = seriesCaches.removeValue(forKey: target.url) ?? TargetSeriesCache(targetLabels: target.labels)
        if cache.targetLabels != target.labels { cache = TargetSeriesCache(targetLabels: target.labels) }
        var (samples, added) = cache.label(parsed, at: timestamp)
        seriesCaches[target.url] = cache
        let duration = fetched.fetchDuration + fetched.parseDuration
        samples += SynthesizedSeries.samples(
            target: target.labels, timestamp: timestamp, isUp: true, duration: duration, scraped: parsed.samples.count,
            seriesAdded: added)
        return TargetScrape(
            target: target, timestamp: timestamp, samples: samples, error: nil, duration: duration,
            bodyBytes: fetched.bodyBytes, scrapedSampleCount: parsed.samples.count)
    }

    func failed(target: ScrapeTarget, error: ScrapeError, duration: Double, at timestamp: Timestamp) -> TargetScrape {
        let samples = SynthesizedSeries.samples(
            target: target.labels, timestamp: timestamp, isUp: false, duration: duration, scraped: 0, seriesAdded: 0)
        return TargetScrape(
            target: target, timestamp: timestamp, samples: samples, error: error, duration: duration, bodyBytes: 0,
            scrapedSampleCount: 0)
    }
}
