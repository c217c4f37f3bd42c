import History
import Probe
import RemoteWrite

extension AgentRuntime {
    /// Starts a sender per `remote_write` endpoint and wakes them after every stored cycle.
    func startRemoteWrite(_ config: AgentConfig) {
        remoteWrite.start(config, metrics: metrics, logger: logger) { CurlRemoteWriteTransport.make() }
        if !remoteWriteObserved.exchange(true, ordering: .relaxed) {
            observeCycles { [remoteWrite] _ in remoteWrite.wake() }
        }
    }

    /// Restarts the senders when the endpoints changed. The history keeps the log only when it
    /// was opened with remote write on, so turning it on or off reopens the history.
    func reloadRemoteWrite(_ config: AgentConfig) {
        guard remoteWrite.differs(from: config) else { return }
        remoteWrite.stop()
        let reopen = state.withLock { state in
            guard let store = state.store, store.options.remoteWriteLog != config.history.remoteWriteLog else { return false }
            store.close()
            state.store = nil
            return true
        }
        if reopen { openStore() }
        startRemoteWrite(config)
    }

    /// Stops every sender after its attempt in flight.
    func stopRemoteWrite() { remoteWrite.stop() }
}
