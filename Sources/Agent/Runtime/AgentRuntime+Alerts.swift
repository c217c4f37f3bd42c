public import Alerting

extension AgentRuntime {
    /// The pending and firing alerts now, for the dashboard.
    public var alerts: [Alert] { alerting.withLock { $0 }?.alerts ?? [] }

    /// The pending and firing alerts now, with the receivers each was delivered to, for the
    /// dashboard's alerts panel.
    public var alertsSnapshot: AlertsSnapshot { alerting.withLock { $0 }?.snapshot ?? AlertsSnapshot() }

    /// `/api/v1/alerts` in Prometheus's shape: the pending and firing alerts, with `deliveredTo`,
    /// `refusedBy` and `queuedFor`.
    func alertsJSON() -> String {
        let snapshot = alertsSnapshot
        return AlertsAPIPayload.encoded(snapshot.alerts, deliveries: snapshot.deliveries)
    }

    /// Starts rules and delivery when the config has rule files or receivers; what the
    /// notification log says was delivered is read back here, before the first cycle.
    func startAlerting(_ config: AgentConfig) {
        guard !config.ruleFiles.isEmpty || config.receivers != nil else { return }
        let stage = AlertingStage(config: config, logger: logger, metrics: metrics) { [weak self] in
            self?.state.withLock { $0.store }
        }
        // Read back before the stage is published, so no answer sees the restored alerts
        // without their receipts.
        stage.start(store: state.withLock { $0.store })
        alerting.withLock { $0 = stage }
    }
}
