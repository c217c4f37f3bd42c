internal import Foundation
internal import History
internal import TimeSeries

/// The state of one sender thread: the open log, where it is in it, and the wire labels of every
/// series it has seen.
struct SenderRun: ~Copyable {
    let sender: RemoteWriteSender
    var log: RemoteWriteLog?
    var cursor = RemoteWriteLog.Position(seq: 1, index: 0)
    /// Every series seen so far, with its labels as they go on the wire.
    var seriesTable = SenderSeriesTable()
    /// One buffer for every batch's request, so a batch does not fault in fresh memory.
    var encoder = WriteRequestEncoder(reservingCapacity: 1 << 18)
    /// Where each batch is compressed, kept from one batch to the next.
    var compressed: [UInt8] = []
    /// When a partial batch was first seen, for `batch_send_deadline`.
    var partialSince: ContinuousClock.Instant?
    var droppedByRetentionAtStart: Int64?
    var failing = false
    var retries = 0
    /// When the pending count and retention's losses were last read from the file: each at most
    /// once a second, as each read is a query (and file locks) a busy sender would pay per batch.
    var pendingReadAt: ContinuousClock.Instant?
    var retentionReadAt: ContinuousClock.Instant?
    /// Batches accepted since the position was last stored. Storing it is a write transaction, so
    /// it is stored every `batchesPerSave` batches, whenever the sender catches up, and on stop:
    /// after a crash at most that many batches (and the one in flight) are sent again.
    var unsavedBatches = 0
    static let batchesPerSave = 8

    init(sender: RemoteWriteSender) { self.sender = sender }

    var endpoint: RemoteWriteEndpoint { sender.endpoint }

    mutating func loop() {
        let cpuAtStart = MonotonicClock.threadCPUNanoseconds()
        defer {
            if let log { savePosition(log) }
            log?.close()
        }
        while !sender.isStopping {
            guard let log = openLog() else {
                sender.pause(until: .now + .seconds(1), wakeable: false)
                continue
            }
            let worked = step(log)
            let cpu = Double(MonotonicClock.threadCPUNanoseconds() - cpuAtStart) / 1e9
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
            unsavedBatches = 0
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
            if Self.due(&retentionReadAt) { try reportRetention(log) }
        } catch {
            sender.onEvent(.logUnavailable(remoteName: endpoint.remoteName, reason: error.description))
            self.log = nil
            return false
        }
        guard !batch.entries.isEmpty else {
            partialSince = nil
            savePosition(log)
            sender.update { $0.samplesPending = 0 }
            return false
        }
        if batch.entries.count < endpoint.queue.maxSamplesPerSend {
            savePosition(log)
            let since = partialSince ?? .now
            partialSince = since
            let due = since + .milliseconds(endpoint.queue.batchSendDeadline.milliseconds)
            if ContinuousClock.now < due {
                sender.pause(until: due, wakeable: true)
                return true
            }
        }
        partialSince = nil
        guard let request = encode(batch.entries, log: log) else { return false }
        if request.series > 0 {
            guard send(request, samples: batch.entries.count, log: log) else { return true }
        }
        cursor = batch.end
        unsavedBatches += 1
        if unsavedBatches >= Self.batchesPerSave { savePosition(log) }
        if Self.due(&pendingReadAt) { refreshPending(log) }
        return true
    }

    /// Stores the position of the last accepted batch, if it moved since last stored.
    private mutating func savePosition(_ log: RemoteWriteLog) {
        guard unsavedBatches > 0 else { return }
        do {
            try log.advance(to: cursor)
            unsavedBatches = 0
        } catch {
            sender.onEvent(.logUnavailable(remoteName: endpoint.remoteName, reason: error.description))
            self.log = nil
        }
    }

    /// Posts until the batch is accepted or refused for good; false when stopped before either.
    private mutating func send(_ batch: EncodedBatch, samples: Int, log: RemoteWriteLog) -> Bool {
        let body = batch.body
        let newest = batch.newest
        let request = RemoteWriteRequest(
            endpoint: endpoint, headers: WireFormat.headers(version: sender.version) + endpoint.headers, body: body)
        var backoff = Backoff(min: endpoint.queue.minBackoff, max: endpoint.queue.maxBackoff)
        while !sender.isStopping {
            if Self.due(&pendingReadAt) { refreshPending(log) }
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
                    savePosition(log)
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

    /// Whether a second has passed since a figure was last read from the file (`last` becomes now if so).
    private static func due(_ last: inout ContinuousClock.Instant?) -> Bool {
        let now = ContinuousClock.now
        if let last, now < last + .seconds(1) { return false }
        last = now
        return true
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
}
