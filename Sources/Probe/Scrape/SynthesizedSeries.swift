public import TimeSeries

/// The per-target series Prometheus adds to every scrape, so rule files that use them port over.
public enum SynthesizedSeries {
    public static let upName = "up"
    public static let durationName = "scrape_duration_seconds"
    public static let samplesScrapedName = "scrape_samples_scraped"
    public static let samplesPostRelabelingName = "scrape_samples_post_metric_relabeling"
    public static let seriesAddedName = "scrape_series_added"

    static func samples(
        target: Labels, timestamp: Timestamp, isUp: Bool, duration: Double, scraped: Int, seriesAdded: Int
    ) -> [Sample] {
        let values: [(String, Double)] = [
            (upName, isUp ? 1 : 0), (durationName, duration), (samplesScrapedName, Double(scraped)),
            (samplesPostRelabelingName, Double(scraped)), (seriesAddedName, Double(seriesAdded)),
        ]
        return values.map { name, value in
            Sample(labels: target.setting(Labels.metricName, name), value: value, timestamp: timestamp)
        }
    }
}
