import History
import Logging
import Probe
import TimeSeries

extension AgentRuntime {
    /// Cycles between attempts to reopen a history that failed to open.
    static let reopenEveryCycles = 10

    func openStore() {
        let config = config
        do {
            let store = try HistoryStore(path: config.historyPath, options: AlertingSetup.historyOptions(config))
            state.withLock {
                $0.store = store
                $0.lastStoreError = nil
            }
            metrics.set(.storeHealthy, 1)
            logger.info("history open", metadata: ["file": "\(config.historyPath)"])
        } catch {
            reportStoreFailure(error)
        }
    }

    /// Appends one cycle in one transaction; on failure the cycle's samples are counted as lost.
    func store(_ cycle: ScrapeCycle) {
        let (store, cyclesSinceFailure) = state.withLock { state in
            state.cyclesWithoutStore += state.store == nil ? 1 : 0
            return (state.store, state.cyclesWithoutStore)
        }
        guard let store else {
            metrics.update { figures in
                figures.add(.storeFailures)
                figures.add(.samplesLost, Double(cycle.allSamples.count))
            }
            if cyclesSinceFailure % Self.reopenEveryCycles == 0 { openStore() }
            return
        }
        let samples = cycle.allSamples
        let started = MonotonicClock.nanoseconds()
        do {
            let summary = try store.append(samples, at: cycle.timestamp)
            let seconds = Double(MonotonicClock.nanoseconds() - started) / 1e9
            let recovered = state.withLock { state in
                defer { state.lastStoreError = nil }
                return state.lastStoreError != nil
            }
            if recovered { logger.info("history writes work again", metadata: ["file": "\(store.path)"]) }
            metrics.update { figures in
                figures.add(.storeAppends)
                figures.set(.storeHealthy, 1)
                figures.add(.samplesStored, Double(summary.appended))
                figures.add(.samplesRejected, Double(summary.outOfOrder), labels: Labels(["reason": "out_of_order"]))
                figures.add(.samplesRejected, Double(summary.duplicates), labels: Labels(["reason": "duplicate"]))
                figures.set(.storeDuration, seconds)
            }
        } catch {
            metrics.update { figures in
                figures.add(.storeFailures)
                figures.add(.samplesLost, Double(samples.count))
            }
            reportStoreFailure(error)
        }
    }

    /// Logs a store error once per distinct message and marks the store unhealthy.
    func reportStoreFailure(_ error: HistoryError) {
        let isNew = state.withLock { state in
            defer { state.lastStoreError = error.description }
            return state.lastStoreError != error.description
        }
        metrics.set(.storeHealthy, 0)
        if isNew {
            logger.error("history failing; polling and alerting continue", metadata: ["error": "\(error.description)"])
        }
    }
}
