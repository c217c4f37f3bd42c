public import TimeSeries

/// What an alert's labels become before it leaves, as Prometheus's notifier does it: the
/// external labels it lacks are added (its own label wins), then `alert_relabel_configs` run,
/// which may drop it. Alerts for Alertmanager receivers also lose the HA replica label, so an
/// Alertmanager cluster sees the two replicas of a pair send one alert.
///
/// The alert that leaves is a new `Alert` whose fingerprint is that of the labels sent: grouping,
/// dedup, the notification log and Alertmanager all know it by what it carries.
public struct AlertLabeling: Sendable {
    /// Added to each alert that lacks the label (`external_labels:`).
    public var externalLabels: Labels
    /// Run after the external labels are added (`alert_relabel_configs:`).
    public var relabelConfigs: [RelabelConfig]
    /// Dropped from alerts for Alertmanager receivers (`ha.replica_label`).
    public var replicaLabel: String?

    public init(externalLabels: Labels = Labels(), relabelConfigs: [RelabelConfig] = [], replicaLabel: String? = nil) {
        self.externalLabels = externalLabels
        self.relabelConfigs = relabelConfigs
        self.replicaLabel = replicaLabel
    }

    /// Whether every alert leaves as the engine holds it.
    public var isIdentity: Bool { externalLabels.isEmpty && relabelConfigs.isEmpty && replicaLabel == nil }

    /// The alert as it is sent to a webhook or Slack receiver (`toAlertmanager` false) or to an
    /// Alertmanager; nil when the relabelling drops it.
    public func outgoing(_ alert: Alert, toAlertmanager: Bool) -> Alert? {
        var labels = alert.labels
        // Prometheus adds an external label where the alert's is missing or empty.
        for label in externalLabels where (labels[label.name] ?? "").isEmpty { labels.set(label.name, label.value) }
        if !relabelConfigs.isEmpty {
            guard let relabelled = Relabeler.apply(relabelConfigs, to: labels) else { return nil }
            labels = relabelled
        }
        if toAlertmanager, let replicaLabel, labels[replicaLabel] != nil { labels = labels.removing([replicaLabel]) }
        guard !labels.isEmpty else { return nil }
        return labels == alert.labels ? alert : alert.labelled(labels)
    }

    /// Each of `alerts` as it is sent, those the relabelling drops left out.
    public func outgoing(_ alerts: [Alert], toAlertmanager: Bool) -> [Alert] {
        isIdentity ? alerts : alerts.compactMap { outgoing($0, toAlertmanager: toAlertmanager) }
    }
}

extension Alert {
    /// The same alert under other labels, its fingerprint theirs.
    func labelled(_ labels: Labels) -> Alert {
        Alert(
            labels: labels, annotations: annotations, state: state, value: value, activeAt: activeAt, firedAt: firedAt,
            resolvedAt: resolvedAt, lastSentAt: lastSentAt, validUntil: validUntil, keepFiringSince: keepFiringSince,
            generatorURL: generatorURL, ruleName: ruleName, groupName: groupName)
    }
}
