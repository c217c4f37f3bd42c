extension MetricFamily {
    // Polling.
    static let cycles = MetricFamily("backlog_cycles_total", .counter, "Poll cycles run.")
    static let missedTicks = MetricFamily("backlog_missed_ticks_total", .counter, "Poll ticks skipped because a cycle overran.")
    static let cycleDuration = MetricFamily("backlog_cycle_duration_seconds", .gauge, "Wall time of the last poll cycle.")
    static let scrapes = MetricFamily("backlog_scrapes_total", .counter, "Target scrapes by result.")
    static let targets = MetricFamily("backlog_targets", .gauge, "Targets polled in the last cycle.")
    static let targetsUp = MetricFamily("backlog_targets_up", .gauge, "Targets that answered in the last cycle.")
    static let samplesScraped = MetricFamily("backlog_samples_scraped_total", .counter, "Samples read from targets.")
    static let shardIndex = MetricFamily(
        "backlog_shard_index", .gauge, "This agent's shard (shard.index), from 0; 0 without shard:.")
    static let shardTotal = MetricFamily(
        "backlog_shard_total", .gauge, "Shards the targets are split into (shard.total); 1 without shard:.")
    static let targetsOtherShards = MetricFamily(
        "backlog_targets_other_shards", .gauge, "Targets of the config left to the other shards in the last cycle.")
    static let configProblems = MetricFamily(
        "backlog_config_problems_total", .counter, "Problems found in targets files while running.")

    // Scrape limits, named after Prometheus's `prometheus_target_*` counters.
    static let scrapesExceededSampleLimit = MetricFamily(
        "backlog_target_scrapes_exceeded_sample_limit_total", .counter, "Scrapes that hit sample_limit and were rejected.")
    static let scrapesExceededLabelLimits = MetricFamily(
        "backlog_target_scrape_pool_exceeded_label_limits_total", .counter,
        "Scrapes that hit label_limit, label_name_length_limit or label_value_length_limit and were rejected.")
    static let exceededTargetLimit = MetricFamily(
        "backlog_target_scrape_pool_exceeded_target_limit_total", .counter,
        "Poll cycles in which a target group was over its target_limit, once per group.")

    // The history.
    static let storeAppends = MetricFamily("backlog_store_appends_total", .counter, "Poll cycles written to the history.")
    static let storeFailures = MetricFamily("backlog_store_failures_total", .counter, "Poll cycles the history failed to store.")
    static let storeHealthy = MetricFamily("backlog_store_healthy", .gauge, "1 when the last write to the history worked.")
    static let samplesStored = MetricFamily("backlog_samples_stored_total", .counter, "Samples written to the history.")
    static let samplesLost = MetricFamily(
        "backlog_samples_lost_total", .counter, "Samples not stored because the history failed.")
    static let samplesRejected = MetricFamily("backlog_samples_rejected_total", .counter, "Samples the history rejected, by reason.")
    static let storeDuration = MetricFamily("backlog_store_duration_seconds", .gauge, "Time the last history append took.")

    // The series budget (history.max_series).
    static let seriesBudget = MetricFamily(
        "backlog_series_budget", .gauge, "Series the history holds in memory at most (history.max_series); 0 when off.")
    static let seriesLive = MetricFamily(
        "backlog_series_live", .gauge, "Series the history holds in memory: live ones, and stale ones until the memory window passes.")
    static let seriesRefused = MetricFamily(
        "backlog_series_refused_total", .counter, "New series the series budget refused, by target.")
    static let seriesRefusedSamples = MetricFamily(
        "backlog_series_refused_samples_total", .counter, "Samples not stored because the series budget refused their series.")
    static let seriesBudgetRefusing = MetricFamily(
        "backlog_series_budget_refusing_targets", .gauge, "Targets whose new series the series budget refused in the last cycle.")

    // Rules.
    static let ruleEvaluation = MetricFamily("backlog_rule_evaluation_seconds", .gauge, "Time the last rule evaluation took.")
    static let ruleErrors = MetricFamily("backlog_rule_errors_total", .counter, "Rule evaluations that failed.")
    static let alertsFiring = MetricFamily("backlog_alerts_firing", .gauge, "Alerts firing now.")
    static let alertsPending = MetricFamily("backlog_alerts_pending", .gauge, "Alerts pending (waiting out `for`) now.")

    // Rule groups, by `file` and `rule_group` (the group's name), as Prometheus's `prometheus_rule_group_*`.
    static let ruleGroupLastDuration = MetricFamily(
        "backlog_rule_group_last_duration_seconds", .gauge, "Time the group's last evaluation took.")
    static let ruleGroupLastEvaluation = MetricFamily(
        "backlog_rule_group_last_evaluation_timestamp_seconds", .gauge,
        "Evaluation time of the group's last evaluation: the timestamp of the cycle it read the history as of.")
    static let ruleGroupIterationsMissed = MetricFamily(
        "backlog_rule_group_iterations_missed_total", .counter,
        "Due evaluations of the group skipped because its evaluation before was still running.")
    static let ruleGroupInterval = MetricFamily("backlog_rule_group_interval_seconds", .gauge, "How often the group is evaluated.")
    static let ruleGroupOffPollPath = MetricFamily(
        "backlog_rule_group_off_poll_path", .gauge,
        "1 when the group is evaluated on a thread of its own, 0 when right after each poll cycle.")
    /// The families labelled by group, dropped for groups a reload removes.
    static let ruleGroupFamilies: [MetricFamily] = [
        .ruleGroupLastDuration, .ruleGroupLastEvaluation, .ruleGroupIterationsMissed, .ruleGroupInterval, .ruleGroupOffPollPath,
    ]

    // Delivery, over all receivers.
    static let notificationsSent = MetricFamily(
        "backlog_notifications_sent_total", .counter, "Notifications a receiver accepted (2xx), all receivers.")
    static let notificationsFailed = MetricFamily(
        "backlog_notifications_failed_total", .counter, "Delivery attempts that got no 2xx, all receivers.")
    static let notificationsRetried = MetricFamily(
        "backlog_notifications_retried_total", .counter, "Failed attempts scheduled for a retry, all receivers.")
    static let notificationsDropped = MetricFamily(
        "backlog_notifications_dropped_total", .counter, "Notifications refused for good (4xx) or left without a receiver, all receivers.")
    static let outboxDepth = MetricFamily("backlog_outbox_depth", .gauge, "Notifications waiting in the outbox, all receivers.")

    // Delivery, by `receiver` (the receiver's name, also for each of an Alertmanager receiver's URLs).
    static let receiverSent = MetricFamily(
        "backlog_receiver_notifications_sent_total", .counter, "Notifications the receiver accepted (2xx).")
    static let receiverFailed = MetricFamily(
        "backlog_receiver_notifications_failed_total", .counter, "Delivery attempts to the receiver that got no 2xx.")
    static let receiverRetried = MetricFamily(
        "backlog_receiver_notifications_retried_total", .counter, "Failed attempts to the receiver scheduled for a retry.")
    static let receiverDropped = MetricFamily(
        "backlog_receiver_notifications_dropped_total", .counter, "Notifications for the receiver refused for good or left without it.")
    static let receiverOutboxDepth = MetricFamily(
        "backlog_receiver_outbox_depth", .gauge, "Notifications waiting in the receiver's outbox queue.")

    /// Shown at zero from the start, so a `rate()` over them has a beginning.
    static let shownFromStart: [MetricFamily] = [
        .cycles, .missedTicks, .cycleDuration, .targets, .targetsUp, .targetsOtherShards, .samplesScraped, .configProblems, .storeAppends,
        .storeFailures, .samplesStored, .samplesLost, .storeDuration, .scrapesExceededSampleLimit, .scrapesExceededLabelLimits,
        .exceededTargetLimit, .seriesLive, .seriesRefusedSamples, .seriesBudgetRefusing,
    ]
}
