import TimeSeries

/// Process evidence kept with the history (`process_evidence`), so `inspect` can show what an
/// alert saw after the process is gone.
extension HistoryStore {
    /// Stores one fetch in its own transaction. No samples change, so readers' caches stay valid.
    public func recordEvidence(_ evidence: StoredEvidence) throws(HistoryError) {
        try onConnection { (connection) throws(SQLiteError) in try EvidenceSchema.insert(evidence, on: connection) }
    }

    /// The newest evidence of a process on `target` (`host:port`): by `pid` when given, else by `name`.
    public func latestEvidence(target: String, pid: String?, name: String?) throws(HistoryError) -> StoredEvidence? {
        try onConnection { (connection) throws(SQLiteError) -> StoredEvidence? in
            try EvidenceSchema.latest(target: target, pid: pid, name: name, on: connection)
        }
    }

    /// Runs `body` on the open writer's connection, under the store's lock.
    private func onConnection<Result>(_ body: (SQLiteConnection) throws(SQLiteError) -> Result) throws(HistoryError) -> Result {
        try locked { (state) throws(HistoryError) -> Result in
            guard !state.isClosed else { throw HistoryError(kind: .closed, path: path, detail: "") }
            do throws(SQLiteError) { return try body(state.connection) } catch { throw HistoryError(error) }
        }
    }
}

extension HistoryReader {
    /// The newest evidence of a process on `target` (`host:port`): by `pid` when given, else by
    /// `name`; nil when none was stored (or the file predates evidence).
    public func latestEvidence(target: String, pid: String?, name: String?) throws(HistoryError) -> StoredEvidence? {
        try readingConnection { (connection) throws(SQLiteError) -> StoredEvidence? in
            try EvidenceSchema.latest(target: target, pid: pid, name: name, on: connection)
        }
    }

    /// The newest evidence of every process that has some, newest first.
    public func latestEvidencePerProcess() throws(HistoryError) -> [StoredEvidence] {
        try readingConnection { (connection) throws(SQLiteError) -> [StoredEvidence] in
            try EvidenceSchema.latestPerProcess(on: connection)
        }
    }
}
