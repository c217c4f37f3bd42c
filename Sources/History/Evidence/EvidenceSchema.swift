internal import TimeSeries

/// The `process_evidence` table: one row per evidence fetch an alert asked for
/// (`StoredEvidence`), found again by target and pid or name, newest first. Created on open
/// like the outbox's tables, so a file written by an older agent gains it; retention deletes
/// rows older than the samples it keeps.
enum EvidenceSchema {
    static let creation = """
        CREATE TABLE IF NOT EXISTS process_evidence (id INTEGER PRIMARY KEY AUTOINCREMENT, target TEXT NOT NULL,
            pid TEXT NOT NULL, name TEXT NOT NULL DEFAULT '', fetched_ms INTEGER NOT NULL, alert TEXT NOT NULL DEFAULT '',
            verdict TEXT NOT NULL DEFAULT '', verdict_reason TEXT NOT NULL DEFAULT '', evidence TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS process_evidence_by_pid ON process_evidence (target, pid, fetched_ms);
        CREATE INDEX IF NOT EXISTS process_evidence_by_name ON process_evidence (target, name, fetched_ms);
        CREATE INDEX IF NOT EXISTS process_evidence_by_time ON process_evidence (fetched_ms);
        """

    static func apply(on connection: SQLiteConnection) throws(SQLiteError) { try connection.execute(creation) }

    /// Deletes the rows fetched before `cutoff` (milliseconds), with the samples of that age.
    static func deleteOlder(than cutoff: Int64, on connection: SQLiteConnection) throws(SQLiteError) {
        let delete = try connection.statement("DELETE FROM process_evidence WHERE fetched_ms < ?1")
        delete.bind(1, cutoff)
        try delete.run()
    }

    static func insert(_ row: StoredEvidence, on connection: SQLiteConnection) throws(SQLiteError) {
        let insert = try connection.statement("""
            INSERT INTO process_evidence (target, pid, name, fetched_ms, alert, verdict, verdict_reason, evidence)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insert.bind(1, row.target)
        insert.bind(2, row.pid)
        insert.bind(3, row.name)
        insert.bind(4, row.fetchedAt.milliseconds)
        insert.bind(5, row.alert)
        insert.bind(6, row.verdict)
        insert.bind(7, row.verdictReason)
        insert.bind(8, row.json)
        try insert.run()
    }

    /// The newest row of `target` for the process: by pid when `pid` is given, else by name.
    static func latest(target: String, pid: String?, name: String?, on connection: SQLiteConnection) throws(SQLiteError) -> StoredEvidence? {
        guard try present(on: connection) else { return nil }
        let column = pid != nil ? "pid" : "name"
        guard let key = pid ?? name else { return nil }
        let query = try connection.statement("""
            SELECT \(columns) FROM process_evidence WHERE target = ?1 AND \(column) = ?2 ORDER BY fetched_ms DESC, id DESC LIMIT 1
            """)
        defer { query.reset() }
        query.bind(1, target)
        query.bind(2, key)
        return try query.step() ? row(query) : nil
    }

    /// The newest row of each process, newest first.
    static func latestPerProcess(on connection: SQLiteConnection) throws(SQLiteError) -> [StoredEvidence] {
        guard try present(on: connection) else { return [] }
        let query = try connection.statement("""
            SELECT \(columns) FROM process_evidence e WHERE e.id = (SELECT id FROM process_evidence f
                WHERE f.target = e.target AND f.pid = e.pid ORDER BY f.fetched_ms DESC, f.id DESC LIMIT 1)
            ORDER BY e.fetched_ms DESC
            """)
        defer { query.reset() }
        var rows: [StoredEvidence] = []
        while try query.step() { rows.append(row(query)) }
        return rows
    }

    private static let columns = "target, pid, name, fetched_ms, alert, verdict, verdict_reason, evidence"

    /// A file from before the table, opened read-only, does not have it.
    private static func present(on connection: SQLiteConnection) throws(SQLiteError) -> Bool {
        try connection.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'process_evidence'") ?? 0 > 0
    }

    private static func row(_ query: SQLiteStatement) -> StoredEvidence {
        StoredEvidence(
            target: query.text(0), pid: query.text(1), name: query.text(2), fetchedAt: Timestamp(milliseconds: query.int64(3)),
            alert: query.text(4), verdict: query.text(5), verdictReason: query.text(6), json: query.text(7))
    }
}
