import Foundation
public import TimeSeries

/// Polls a set of targets once per call: all requests concurrently over one libcurl multi loop,
/// then each body parsed and labelled as Prometheus would.
///
/// Keeps per-target memory (connections, the series seen last time) between calls, so one
/// `Scraper` should serve a target for its lifetime. Not for use from two threads at once.
// Unchecked: the series caches are unguarded; the one owner (`ScrapeLoop`) runs one cycle at a time.
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
    /// target yields `up` 0 and its error, and the others are unaffected. The targets of a job
    /// that outnumber its `target_limit` all fail unpolled.
    public func scrape(_ targets: [ScrapeTarget], timeout: PromDuration, at timestamp: Timestamp) -> [TargetScrape] {
        let overTargetLimit = Self.jobsOverTargetLimit(targets)
        let polled = overTargetLimit.isEmpty ? targets : targets.filter { overTargetLimit[$0.job] == nil }
        let responses = perform(polled, timeout: timeout)
        var nextResponse = 0
        var results: [TargetScrape] = []
        results.reserveCapacity(targets.count)
        for target in targets {
            let outcome: Result<TargetScrape, FetchFailure>
            if let exceeded = overTargetLimit[target.job] {
                outcome = .failure(limitFailure(exceeded, target: target, duration: 0))
            } else {
                outcome = responses[nextResponse].flatMap { accepted($0, target: target) }.flatMap { labelled($0, target: target, at: timestamp) }
                nextResponse += 1
            }
            switch outcome {
            case .success(let scrape): results.append(scrape)
            case .failure(let failure):
                var scrape = failed(
                    target: target, error: failure.error, duration: failure.duration, scraped: failure.scrapedSampleCount, at: timestamp)
                scrape.samples += staleMarkers(for: target, at: timestamp)
                results.append(scrape)
            }
        }
        let live = Set(targets.map(\.url))
        // Rebuilding the dictionary every cycle costs more than looking for a target that went away.
        if seriesCaches.keys.contains(where: { !live.contains($0) }) {
            seriesCaches = seriesCaches.filter { live.contains($0.key) }
        }
        return results
    }

    /// Staleness markers at `timestamp` for every series that targets no longer among `targets`
    /// gave in their last successful scrape, and forgets those targets.
    ///
    /// Prometheus ends a dropped target's series the same way, so a target removed from the
    /// config or a targets file stops feeding rules and queries at once instead of leaving its
    /// last values standing for the five-minute lookback (and an alert on them firing).
    public func retireTargets(otherThan targets: [ScrapeTarget], at timestamp: Timestamp) -> [Sample] {
        let live = Set(targets.map(\.url))
        let retired = seriesCaches.keys.filter { !live.contains($0) }
        var markers: [Sample] = []
        for url in retired.sorted() {
            guard var cache = seriesCaches.removeValue(forKey: url) else { continue }
            markers += cache.abandonKeptSeries().map { Sample(labels: $0, value: Sample.staleMarker, timestamp: timestamp) }
        }
        return markers
    }

    /// A failed fetch and how long it took to fail.
    public struct FetchFailure: Error, Sendable {
        public var error: ScrapeError
        public var duration: Double
        /// How many samples the body held, when it failed for holding too many; 0 otherwise.
        public var scrapedSampleCount = 0
    }

    /// Requests and parses every target concurrently, without adding labels.
    ///
    /// - Parameter strictOpenMetrics: parse every body as strict OpenMetrics, whatever its content type.
    public func fetch(_ targets: [ScrapeTarget], timeout: PromDuration, strictOpenMetrics: Bool = false)
        -> [Result<FetchedExposition, FetchFailure>]
    {
        zip(targets, perform(targets, timeout: timeout)).map { target, response in
            response.flatMap { accepted($0, target: target) }.flatMap { parse($0, target: target, strictOpenMetrics: strictOpenMetrics) }
        }
    }

    /// Requests every target concurrently; a target whose request cannot be made fails at once.
    func perform(_ targets: [ScrapeTarget], timeout: PromDuration) -> [Result<HTTPResponse, FetchFailure>] {
        var requests: [HTTPRequestSpec] = []
        var outcomes: [Result<HTTPResponse, FetchFailure>?] = []
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
            outcomes[slot] = response.mapError { error in
                FetchFailure(error: ScrapeError(kind: .transport(error.kind), url: targets[slot].url, reason: error.reason), duration: error.duration)
            }
        }
        return outcomes.map { $0! }
    }

    func request(for target: ScrapeTarget, timeout: PromDuration) throws(ScrapeError) -> HTTPRequestSpec {
        HTTPRequestSpec(
            key: target.url, url: target.url, headers: [("Accept", ExpositionFormat.acceptHeader)],
            connectTimeout: timeout, timeout: timeout, maxBodyBytes: target.maxBodyBytes,
            auth: try auth(for: target), tls: target.tls)
    }

    /// The response when it is a 200; any other status fails the target.
    func accepted(_ http: HTTPResponse, target: ScrapeTarget) -> Result<HTTPResponse, FetchFailure> {
        guard http.status == 200 else {
            let phrase = HTTPStatusText.phrase(http.status).map { " \($0)" } ?? ""
            let error = ScrapeError(kind: .httpStatus(http.status), url: target.url, reason: "server returned HTTP status \(http.status)\(phrase)")
            return .failure(FetchFailure(error: error, duration: http.duration))
        }
        return .success(http)
    }

    func parse(_ http: HTTPResponse, target: ScrapeTarget, strictOpenMetrics: Bool) -> Result<FetchedExposition, FetchFailure> {
        let format = strictOpenMetrics ? .openMetrics : ExpositionFormat.from(contentType: http.contentType)
        let parseStart = MonotonicClock.nanoseconds()
        do {
            let exposition = try ParsedExposition.parse(http.body, format: format, strict: strictOpenMetrics)
            let parseDuration = Double(MonotonicClock.nanoseconds() - parseStart) / 1e9
            return .success(FetchedExposition(
                exposition: exposition, format: format, bodyBytes: http.body.count, fetchDuration: http.duration,
                parseDuration: parseDuration))
        } catch {
            return .failure(parseFailure(error, target: target, duration: http.duration + Self.seconds(since: parseStart)))
        }
    }

    /// Parses and labels a body through the target's series cache, adding the synthesized series.
    func labelled(_ http: HTTPResponse, target: ScrapeTarget, at timestamp: Timestamp) -> Result<TargetScrape, FetchFailure> {
        var cache = seriesCaches.removeValue(forKey: target.url) ?? TargetSeriesCache(targetLabels: target.labels)
        if cache.targetLabels != target.labels { cache = TargetSeriesCache(targetLabels: target.labels) }
        defer { seriesCaches[target.url] = cache }
        let format = ExpositionFormat.from(contentType: http.contentType)
        let parseStart = MonotonicClock.nanoseconds()
        var read: TargetSeriesCache.Read
        do {
            read = try cache.read(http.body, format: format, limits: target.limits, at: timestamp)
        } catch {
            let duration = http.duration + Self.seconds(since: parseStart)
            switch error {
            case .parse(let parseError): return .failure(parseFailure(parseError, target: target, duration: duration))
            case .limit(let exceeded): return .failure(limitFailure(exceeded, target: target, duration: duration))
            }
        }
        let duration = http.duration + Self.seconds(since: parseStart)
        let scraped = read.samples.count
        for labels in read.gone { read.samples.append(Sample(labels: labels, value: Sample.staleMarker, timestamp: timestamp)) }
        // Appended in place: the read left room for them, and a copy would retain every sample's labels.
        SynthesizedSeries.append(
            to: &read.samples, labels: cache.synthesizedLabels, timestamp: timestamp, isUp: true, duration: duration,
            scraped: scraped, seriesAdded: read.seriesAdded)
        return .success(TargetScrape(
            target: target, timestamp: timestamp, samples: read.samples, error: nil, duration: duration,
            bodyBytes: http.body.count, scrapedSampleCount: scraped))
    }

    /// Markers ending every series the target's last successful scrape gave, once it fails.
    func staleMarkers(for target: ScrapeTarget, at timestamp: Timestamp) -> [Sample] {
        let gone = seriesCaches[target.url]?.abandonKeptSeries() ?? []
        return gone.map { Sample(labels: $0, value: Sample.staleMarker, timestamp: timestamp) }
    }

    /// A failed scrape: `up` 0 and the other synthesized series. `scraped` is what
    /// `scrape_samples_scraped` says, as in Prometheus the count of a body over `sample_limit`.
    func failed(target: ScrapeTarget, error: ScrapeError, duration: Double, scraped: Int = 0, at timestamp: Timestamp) -> TargetScrape {
        let samples = SynthesizedSeries.samples(
            target: target.labels, timestamp: timestamp, isUp: false, duration: duration, scraped: scraped, seriesAdded: 0)
        return TargetScrape(
            target: target, timestamp: timestamp, samples: samples, error: error, duration: duration, bodyBytes: 0,
            scrapedSampleCount: scraped)
    }

    private func parseFailure(_ error: ExpositionParseError, target: ScrapeTarget, duration: Double) -> FetchFailure {
        let scrapeError = ScrapeError(
            kind: .parse(error), url: target.url,
            reason: "cannot parse the response: line \(error.line), column \(error.column): \(error.message)")
        return FetchFailure(error: scrapeError, duration: duration)
    }

    /// A scrape (or a job's targets) over a limit: the reason names the limit first.
    private func limitFailure(_ exceeded: ScrapeLimitExceeded, target: ScrapeTarget, duration: Double) -> FetchFailure {
        let error = ScrapeError(kind: .limitExceeded(exceeded.limit), url: target.url, reason: exceeded.description)
        return FetchFailure(error: error, duration: duration, scrapedSampleCount: exceeded.limit == .sample ? exceeded.found : 0)
    }

    private static func seconds(since start: UInt64) -> Double {
        Double(MonotonicClock.nanoseconds() - start) / 1e9
    }
}
