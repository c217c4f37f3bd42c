internal import TimeSeries

/// Resolves label matchers to series ids through the on-disk index, without scanning every series.
///
/// Matchers that cannot match a missing label narrow the set first (equality by one postings
/// list; others by the union of the postings of the label's values they accept). Matchers that
/// accept "" then remove the series whose value they reject, so series lacking the label stay.
struct PostingsReader {
    let connection: SQLiteConnection

    func seriesIDs(matching matchers: [LabelMatcher]) throws(SQLiteError) -> [Int64] {
        let narrowing = matchers.filter { !$0.matchesEmpty }.sorted { rank($0) < rank($1) }
        let widening = matchers.filter(\.matchesEmpty)
        var ids: [Int64]?
        for matcher in narrowing {
            let accepted = try postings(of: matcher.name, where: matcher.matches, exact: exactValue(matcher))
            ids = ids.map { SortedLists.intersect($0, accepted) } ?? accepted
            if ids?.isEmpty == true { return [] }
        }
        var result: [Int64]
        if let ids { result = ids } else { result = try allSeries() }
        for matcher in widening {
            let rejected = try postings(of: matcher.name, where: { !matcher.matches($0) }, exact: nil)
            result = SortedLists.subtract(result, rejected)
        }
        return result
    }

    /// Every label name in the index, sorted.
    func labelNames() throws(SQLiteError) -> [String] {
        let query = try connection.statement("SELECT DISTINCT name FROM label_pairs ORDER BY name")
        defer { query.reset() }
        var names: [String] = []
        while try query.step() { names.append(query.text(0)) }
        return names
    }

    /// Every value a label name has in the index, sorted.
    func labelValues(name: String) throws(SQLiteError) -> [String] {
        try pairs(named: name).map(\.value).sorted()
    }

    /// Equality first: it reads one postings list, the cheapest way to shrink the set.
    private func rank(_ matcher: LabelMatcher) -> Int { matcher.kind == .equal ? 0 : 1 }

    private func exactValue(_ matcher: LabelMatcher) -> String? { matcher.kind == .equal ? matcher.value : nil }

    private func postings(
        of name: String, where accepts: (String) -> Bool, exact: String?
    ) throws(SQLiteError) -> [Int64] {
        var pairIDs: [Int64] = []
        if let exact {
            let query = try connection.statement("SELECT id FROM label_pairs WHERE name = ?1 AND value = ?2")
            defer { query.reset() }
            query.bind(1, name)
            query.bind(2, exact)
            if try query.step() { pairIDs.append(query.int64(0)) }
        } else {
            pairIDs = try pairs(named: name).filter { accepts($0.value) }.map(\.id)
        }
        var lists: [[Int64]] = []
        let query = try connection.statement("SELECT series_id FROM postings WHERE pair_id = ?1")
        for pair in pairIDs {
            query.reset()
            query.bind(1, pair)
            var list: [Int64] = []
            while try query.step() { list.append(query.int64(0)) }
            lists.append(list)
        }
        query.reset()
        return lists.isEmpty ? [] : SortedLists.union(lists)
    }

    private func pairs(named name: String) throws(SQLiteError) -> [(id: Int64, value: String)] {
        let query = try connection.statement("SELECT id, value FROM label_pairs WHERE name = ?1")
        defer { query.reset() }
        query.bind(1, name)
        var pairs: [(id: Int64, value: String)] = []
        while try query.step() { pairs.append((query.int64(0), query.text(1))) }
        return pairs
    }

    private func allSeries() throws(SQLiteError) -> [Int64] {
        let query = try connection.statement("SELECT id FROM series ORDER BY id")
        defer { query.reset() }
        var ids: [Int64] = []
        while try query.step() { ids.append(query.int64(0)) }
        return ids
    }
}
