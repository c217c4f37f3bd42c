import TimeSeries

/// The per-target series Prometheus adds to every scrape, so rule files that use them port over.
public enum SynthesizedSeries {
    public static let upName = "up"
    public static let durationName = "scrape_duration_seconds"
    public static let samplesScrapedName = "scrape_samples_scraped"
    public static let samplesPostRelabelingName = "scrape_samples_post_metric_relabeling"
    public static let seriesAddedName = "scrape_series_added"

    /// How many series a scrape adds.
    static let count = 5

    static func samples(
        target: Labels, timestamp: Timestamp, isUp: Bool, duration: Double, scraped: Int, seriesAdded: Int
    ) -> [Sample] {
        var samples: [Sample] = []
        append(
            to: &samples, labels: labels(target: target), timestamp: timestamp, isUp: isUp, duration: duration,
            scraped: scraped, seriesAdded: seriesAdded)
        return samples
    }

    /// The series' labels for a target, in the order `append` expects them; they change only
    /// with the target, so a caller polling it again keeps them.
    static func labels(target: Labels) -> [Labels] {
        [upName, durationName, samplesScrapedName, samplesPostRelabelingName, seriesAddedName].map {
            target.setting(Labels.metricName, $0)
        }
    }

    /// Appends the samples, `labels` being what `labels(target:)` gave.
    static func append(
        to samples: inout [Sample], labels: [Labels], timestamp: Timestamp, isUp: Bool, duration: Double, scraped: Int,
        seriesAdded: Int
    ) {
        let values = [isUp ? 1 : 0, duration, Double(scraped), Double(scraped), Double(seriesAdded)]
        for (labels, value) in zip(labels, values) {
            samples.append(Sample(labels: labels, value: value, timestamp: timestamp))
        }
    }
}
