internal import Foundation
internal import History
internal import TimeSeries

/// The state of one sender thread: the open log, where it is in it, and the relabelled labels of
/// every series it has seen (series ids are never reused, so the cache never goes stale).
struct SenderRun {
    let sender: RemoteWriteSender
    var log: RemoteWriteLog?
    var cursor = RemoteWriteLog.Position(seq: 1, index: 0)
    /// Relabelled labels by series id; nil when write_relabel_configs drop the series.
    var labelCache: [Int64: Labels?] = [:]
    /// When a partial batch was first seen, for `batch_send_deadline`.
    var partialSince: ContinuousClock.Instant?
    var droppedByRetentionAtStart: Int64?
    var failing = false
    var retries = 0

    init(sender: RemoteWriteSender) { self.sender = sender }

    var endpoint: RemoteWriteEndpoint { sender.endpoint }

    mutating func loop() {
        let cpuAtStart = Self.threadCPUSeconds()
        defer { log?.close() }
        while !sender.isStopping {
            guard let log = openLog() else {
                sender.pause(until: .now + .seconds(1), wakeable: false)
                continue
            }
            let worked = step(log)
            let cpu = Self.threadCPUSeconds() - cpuAtStart
            sender.update { $0.cpuSeconds = cpu }
            if !worked { sender.pause(until: .now + .milliseconds(500), wakeable: true) }
        }
    }

    private mutating func openLog() -> RemoteWriteLog? {
        if let log { return log }
        do {
            let opened = try RemoteWriteLog(path: sender.historyPath, endpoint: endpoint.remoteName)
            let stored = try opened.position()
            cursor = stored.position
            droppedByRetentionAtStart = stored.dropped
            log = opened
            return opened
        } catch {
            sender.onEvent(.logUnavailable(remoteName: endpoint.remoteName, reason: error.description))
            return nil
        }
    }

    /// Reads and sends one batch; false when there was nothing (yet) to send.
    private mutating func step(_ log: RemoteWriteLog) -> Bool {
        let batch: RemoteWriteLog.Batch
        do {
            batch = try log.read(from: cursor, maxSamples: endpoint.queue.maxSamplesPerSend)
            try reportRetention(log)
        } catch {
            sender.onEvent(.logUnavailable(remoteName: endpoint.remoteName, reason: error.description))
            self.log = nil
            return false
        }
        guard !batch.entries.isEmpty else {
            partialSince = nil
            sender.update { $0.samplesPending = 0 }
            return false
        }
        if batch.entries.count < endpoint.queue.maxSamplesPerSend {
            let since = partialSince ?? .now
            partialSince = since
            let due = since + .milliseconds(endpoint.queue.batchSendDeadline.milliseconds)
            if ContinuousClock.now < due {
                sender.pause(until: due, wakeable: true)
                return true
            }
        }
        partialSince = nil
        guard let series = build(batch.entries, log: log) else { return false }
        if !series.isEmpty {
            guard send(series, samples: batch.entries.count, log: log) else { return true }
        }
        do {
            try log.advance(to: batch.end)
            cursor = batch.end
            let pending = try log.pendingSamples(from: cursor)
            sender.update { $0.samplesPending = pending }
        } catch {
            sender.onEvent(.logUnavailable(remoteName: endpoint.remoteName, reason: error.description))
            self.log = nil
        }
        return true
    }

    /// Samples grouped per series (first appearance order, time order within), relabelled, with
    /// external labels; nil when labels could not be read.
    private mutating func build(_ entries: [RemoteLogCodec.Entry], log: RemoteWriteLog) -> [WireFormat.Series]? {
        var unknown: Set<Int64> = []
        for entry in entries where labelCache[entry.seriesID] == nil { unknown.insert(entry.seriesID) }
        if !unknown.isEmpty {
            let found: [Int64: Labels]
            do {
                found = try log.labels(of: Array(unknown))
            } catch {
                sender.onEvent(.logUnavailable(remoteName: endpoint.remoteName, reason: error.description))
                return nil
            }
            for id in unknown {
                guard let labels = found[id] else { continue }
                labelCache[id] = .some(relabel(labels))
            }
        }
        var series: [WireFormat.Series] = []
        var slot: [Int64: Int] = [:]
        var droppedRelabel: Int64 = 0
        var droppedUnknown: Int64 = 0
        for entry in entries {
            guard let cached = labelCache[entry.seriesID] else {
                droppedUnknown += 1
                continue
            }
            guard let labels = cached else {
                droppedRelabel += 1
                continue
            }
            let position: Int
            if let existing = slot[entry.seriesID] {
                position = existing
            } else {
                position = series.count
                slot[entry.seriesID] = position
                series.append(WireFormat.Series(labels: labels))
            }
            series[position].timestamps.append(entry.timestamp)
            series[position].values.append(entry.value)
        }
        if droppedRelabel > 0 || droppedUnknown > 0 {
            sender.update { stats in
                if droppedRelabel > 0 { stats.samplesDropped["relabel", default: 0] += droppedRelabel }
                if droppedUnknown > 0 { stats.samplesDropped["unknown_series", default: 0] += droppedUnknown }
            }
        }
        return series
    }

    /// External labels go on where the series lacks them, then write_relabel_configs run, as in Prometheus.
    private func relabel(_ labels: Labels) -> Labels? {
        var withExternal = labels
        for label in sender.externalLabels where labels[label.name] == nil { withExternal.set(label.name, label.value) }
        return Relabeler.apply(endpoint.writeRelabelConfigs, to: withExternal)
    }

    /// Posts until the batch is accepted or refused for good; false when stopped before either.
    private mutating func send(_ series: [WireFormat.Series], samples: Int, log: RemoteWriteLog) -> Bool {
        let body = WireFormat.body(series)
        let request = RemoteWriteRequest(
            endpoint: endpoint, headers: WireFormat.headers(version: sender.version) + endpoint.headers, body: body)
        var backoff = Backoff(min: endpoint.queue.minBackoff, max: endpoint.queue.maxBackoff)
        let newest = series.reduce(Int64.min) { max($0, $1.timestamps.last ?? .min) }
        while !sender.isStopping {
            refreshPending(log)
            let began = ContinuousClock.now
            let outcome = sender.transport(request)
            let elapsed = began.duration(to: .now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let decision = RetryDecision(outcome)
            sender.update { stats in
                stats.samplesSent += Int64(samples)
                stats.bytesSent += Int64(body.count)
                stats.lastBatchDurationSeconds = seconds
                switch decision {
                case .sent:
                    stats.samplesAccepted += Int64(samples)
                    stats.highestSentTimestampSeconds = max(stats.highestSentTimestampSeconds, Double(newest) / 1000)
                case .retry: stats.samplesRetried += Int64(samples)
                case .drop: stats.samplesFailed += Int64(samples)
                }
            }
            switch decision {
            case .sent:
                if failing { sender.onEvent(.recovered(remoteName: endpoint.remoteName, retries: retries)) }
                failing = false
                retries = 0
                return true
            case .drop:
                var status = 0
                var detail = ""
                if case .status(let code, let text) = outcome {
                    status = code
                    detail = endpoint.scrub(text)
                }
                sender.onEvent(.refused(remoteName: endpoint.remoteName, status: status, samples: samples, detail: detail))
                return true
            case .retry:
                if !failing {
                    failing = true
                    sender.onEvent(.failing(remoteName: endpoint.remoteName, reason: endpoint.scrub(Self.describe(outcome))))
                }
                retries += 1
                let wait = backoff.step()
                sender.pause(until: .now + .milliseconds(wait.milliseconds), wakeable: false)
            }
        }
        return false
    }

    /// Samples still to send, counted again before every attempt, so an outage shows the backlog growing.
    private func refreshPending(_ log: RemoteWriteLog) {
        guard let pending = try? log.pendingSamples(from: cursor) else { return }
        sender.update { $0.samplesPending = pending }
    }

    private mutating func reportRetention(_ log: RemoteWriteLog) throws(HistoryError) {
        let dropped = try log.position().dropped
        let baseline = droppedByRetentionAtStart ?? dropped
        droppedByRetentionAtStart = baseline
        let total = dropped - baseline
        let already = sender.stats.samplesDropped["retention"] ?? 0
        guard total > already else { return }
        sender.update { $0.samplesDropped["retention"] = total }
        sender.onEvent(.retentionDropped(remoteName: endpoint.remoteName, samples: total - already))
    }

    static func describe(_ outcome: RemoteWriteOutcome) -> String {
        switch outcome {
        case .status(let code, let body): body.isEmpty ? "HTTP \(code)" : "HTTP \(code): \(body)"
        case .failed(_, let reason): reason
        }
    }

    /// CPU time of the calling thread.
    static func threadCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
