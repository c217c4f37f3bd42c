internal import TimeSeries

/// Writes the commit-ordered log remote write sends from, inside each append's transaction.
enum RemoteLogWriter {
    /// Logs what this append committed for remote write, inside the append's transaction, and on
    /// retention cycles takes rows older than retention out of the log (counted per endpoint that
    /// had not sent them). Does nothing unless the store keeps the log.
    static func write(
        _ plan: AppendPlan, index: SeriesIndex, retentionDue: Bool, options: HistoryOptions, connection: SQLiteConnection
    ) throws(SQLiteError) {
        guard options.remoteWriteLog else { return }
        if !plan.tailEntries.isEmpty {
            // The cycle's tail entries: the same samples with their series ids, already in
            // series order, which keeps every series in time order as remote write needs.
            let insert = try connection.statement(
                "INSERT INTO remote_write_log (committed_at, count, payload) VALUES (?1, ?2, ?3)")
            insert.bind(1, plan.now)
            insert.bind(2, plan.tailEntries.count)
            insert.bind(3, blob: RemoteLogCodec.encode(tail: plan.tailEntries))
            try insert.run()
        }
        if retentionDue { try dropExpired(cutoff: plan.now - options.retention.milliseconds, connection: connection) }
    }

    /// Deletes log rows committed before `cutoff`; each endpoint still behind them has their
    /// samples added to its `dropped` count and moves past them.
    private static func dropExpired(cutoff: Int64, connection: SQLiteConnection) throws(SQLiteError) {
        // Every statement is reset before the transaction ends: one left mid-row would keep this
        // connection's read snapshot open, and the next append could not start its write.
        let newest = try connection.statement("SELECT MAX(seq) FROM remote_write_log WHERE committed_at < ?1")
        defer { newest.reset() }
        newest.bind(1, cutoff)
        guard try newest.step(), !newest.isNull(0) else { return }
        let last = newest.int64(0)
        let behind = try connection.statement(
            "SELECT endpoint, seq, sample_index FROM remote_write_position WHERE seq <= ?1")
        defer { behind.reset() }
        behind.bind(1, last)
        var lagging: [(endpoint: String, seq: Int64, index: Int64)] = []
        while try behind.step() { lagging.append((behind.text(0), behind.int64(1), behind.int64(2))) }
        let sum = try connection.statement(
            "SELECT COALESCE(SUM(count), 0), MIN(seq) FROM remote_write_log WHERE seq >= ?1 AND seq <= ?2")
        defer { sum.reset() }
        let update = try connection.statement(
            "UPDATE remote_write_position SET seq = ?2, sample_index = 0, dropped = dropped + ?3 WHERE endpoint = ?1")
        for endpoint in lagging {
            sum.reset()
            sum.bind(1, endpoint.seq)
            sum.bind(2, last)
            guard try sum.step() else { continue }
            // The index counts only within the endpoint's own row, if that row is still there.
            let sentOfFirst = !sum.isNull(1) && sum.int64(1) == endpoint.seq ? endpoint.index : 0
            let lost = sum.int64(0) - sentOfFirst
            sum.reset()
            update.reset()
            update.bind(1, endpoint.endpoint)
            update.bind(2, last + 1)
            update.bind(3, max(0, lost))
            try update.run()
        }
        let delete = try connection.statement("DELETE FROM remote_write_log WHERE seq <= ?1")
        delete.bind(1, last)
        try delete.run()
    }
}
