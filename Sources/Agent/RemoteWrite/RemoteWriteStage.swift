import History
import Logging
import RemoteWrite
import Synchronization
import TimeSeries

/// The agent's remote-write senders, one thread per `remote_write` endpoint, each following the
/// history's log; restarted when the endpoints change on reload.
final class RemoteWriteStage: Sendable {
    private let senders = Mutex<[RemoteWriteSender]>([])
    private let running = Mutex<(config: RemoteWriteConfig, historyPath: String)?>(nil)

    /// The senders running now.
    var current: [RemoteWriteSender] { senders.withLock { $0 } }

    /// Starts one sender per endpoint (none when the config has no `remote_write`).
    func start(_ config: AgentConfig, metrics: AgentMetrics, logger: Logger, transport: @escaping @Sendable () -> RemoteWriteTransport) {
        let remote = config.remoteWrite
        running.withLock { $0 = (remote, config.historyPath) }
        guard !remote.endpoints.isEmpty else { return }
        do {
            try RemoteWriteLog.keepOnly(endpoints: Set(remote.endpoints.map(\.remoteName)), path: config.historyPath)
        } catch {
            logger.error("remote write cannot read the history's log; retrying", metadata: ["error": "\(error.description)"])
        }
        let started = remote.endpoints.map { endpoint in
            RemoteWriteSender(
                endpoint: endpoint, historyPath: config.historyPath, externalLabels: remote.externalLabels,
                version: BuildInfo.version, transport: transport(),
                onEvent: { event in Self.log(event, logger: logger) },
                onStats: { stats in Self.publish(stats, remoteName: endpoint.remoteName, metrics: metrics) })
        }
        for sender in started {
            Self.publish(RemoteWriteStats(), remoteName: sender.endpoint.remoteName, metrics: metrics)
            sender.start()
        }
        senders.withLock { $0 = started }
        logger.info("remote write started", metadata: ["endpoints": "\(started.map(\.endpoint.remoteName).joined(separator: ","))"])
    }

    /// Whether `config` asks for other endpoints than those running.
    func differs(from config: AgentConfig) -> Bool {
        guard let running = running.withLock({ $0 }) else { return true }
        return running.historyPath != config.historyPath
            || running.config.externalLabels != config.remoteWrite.externalLabels
            || running.config.endpoints.map(Self.identity) != config.remoteWrite.endpoints.map(Self.identity)
    }

    /// Lets every sender finish its attempt in flight and stops it.
    func stop() {
        let stopping = senders.withLock { senders in
            defer { senders = [] }
            return senders
        }
        for sender in stopping { sender.stop() }
        running.withLock { $0 = nil }
    }

    /// Tells every sender the history has new rows.
    func wake() { for sender in current { sender.wake() } }

    /// What makes two endpoint configs the same sender (secrets compared, never shown).
    private static func identity(_ endpoint: RemoteWriteEndpoint) -> String {
        let relabel = endpoint.writeRelabelConfigs.map {
            "\($0.action.rawValue)|\($0.sourceLabels)|\($0.separator)|\($0.regex)|\($0.targetLabel)|\($0.replacement)|\($0.modulus)"
        }
        let queue = endpoint.queue
        return [
            endpoint.remoteName, endpoint.url, "\(endpoint.auth.map { "\($0)" } ?? "")", "\(endpoint.headers)",
            "\(endpoint.tls)", "\(relabel)", "\(queue.maxSamplesPerSend) \(queue.batchSendDeadline) \(queue.minBackoff) \(queue.maxBackoff)",
            "\(endpoint.timeout)",
        ].joined(separator: "\u{1}")
    }

    private static func publish(_ stats: RemoteWriteStats, remoteName: String, metrics: AgentMetrics) {
        let labels = Labels(["remote_name": remoteName])
        metrics.update { figures in
            figures.set(.remoteSamples, Double(stats.samplesSent), labels: labels)
            figures.set(.remoteSamplesFailed, Double(stats.samplesFailed), labels: labels)
            figures.set(.remoteSamplesRetried, Double(stats.samplesRetried), labels: labels)
            for reason in ["relabel", "retention"] {
                figures.set(.remoteSamplesDropped, Double(stats.samplesDropped[reason] ?? 0),
                            labels: labels.setting("reason", reason))
            }
            figures.set(.remoteSamplesPending, Double(stats.samplesPending), labels: labels)
            figures.set(.remoteHighestTimestamp, stats.highestSentTimestampSeconds, labels: labels)
            figures.set(.remoteBytes, Double(stats.bytesSent), labels: labels)
            figures.set(.remoteBatchDuration, stats.lastBatchDurationSeconds, labels: labels)
        }
    }

    private static func log(_ event: RemoteWriteEvent, logger: Logger) {
        switch event {
        case .refused(let name, let status, let samples, let detail):
            logger.error("remote write receiver refused a batch; dropped", metadata: [
                "remote_name": "\(name)", "status": "\(status)", "samples": "\(samples)", "answer": "\(detail)",
            ])
        case .failing(let name, let reason):
            logger.warning("remote write failing; retrying with backoff, nothing is lost", metadata: [
                "remote_name": "\(name)", "reason": "\(reason)",
            ])
        case .recovered(let name, let retries):
            logger.info("remote write works again", metadata: ["remote_name": "\(name)", "retries": "\(retries)"])
        case .logUnavailable(let name, let reason):
            logger.error("remote write cannot read the history's log; retrying", metadata: [
                "remote_name": "\(name)", "error": "\(reason)",
            ])
        case .retentionDropped(let name, let samples):
            logger.warning("history retention deleted samples before remote write sent them", metadata: [
                "remote_name": "\(name)", "samples": "\(samples)",
            ])
        }
    }
}
