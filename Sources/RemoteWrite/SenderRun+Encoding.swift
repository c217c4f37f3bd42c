internal import History
internal import TimeSeries

extension SenderRun {
    /// One batch on the wire: the compressed body, how many series it holds, its newest timestamp.
    struct EncodedBatch {
        var body: [UInt8]
        var series: Int
        var newest: Int64
    }

    /// Samples grouped per series (first appearance order, time order within), relabelled, with
    /// external labels, encoded and compressed; nil when labels could not be read.
    mutating func encode(_ entries: [RemoteLogCodec.Entry], log: RemoteWriteLog) -> EncodedBatch? {
        guard let rows = rows(of: entries, log: log) else { return nil }
        // A counting sort by series: slots in first-appearance order, entries in log order within.
        seriesTable.beginBatch()
        var slotRows: [Int32] = []
        var counts: [Int] = []
        var slotOfEntry = [Int](repeating: -1, count: entries.count)
        var droppedRelabel: Int64 = 0
        var droppedUnknown: Int64 = 0
        var newest = Int64.min
        for index in entries.indices {
            let row = rows[index]
            guard row >= 0 else {
                droppedUnknown += 1
                continue
            }
            guard seriesTable.labelSize[Int(row)] >= 0 else {
                droppedRelabel += 1
                continue
            }
            let (slot, isNew) = seriesTable.slot(of: row, next: slotRows.count)
            if isNew {
                slotRows.append(row)
                counts.append(0)
            }
            slotOfEntry[index] = slot
            counts[slot] += 1
            newest = max(newest, entries[index].timestamp)
        }
        var starts = [Int](repeating: 0, count: counts.count)
        var total = 0
        for slot in counts.indices {
            starts[slot] = total
            total += counts[slot]
        }
        var order = [Int](repeating: 0, count: total)
        var next = starts
        for (index, slot) in slotOfEntry.enumerated() where slot >= 0 {
            order[next[slot]] = index
            next[slot] += 1
        }
        encoder.removeAll()
        entries.withUnsafeBufferPointer { entries in
            for (slot, row) in slotRows.enumerated() {
                guard let labels = seriesTable.labels[Int(row)] else { continue }
                let samples = order[starts[slot]..<(starts[slot] + counts[slot])].lazy.map {
                    (entries[$0].timestamp, entries[$0].value)
                }
                encoder.appendSeries(labels, samples: samples)
            }
        }
        if droppedRelabel > 0 || droppedUnknown > 0 {
            sender.update { stats in
                if droppedRelabel > 0 { stats.samplesDropped["relabel", default: 0] += droppedRelabel }
                if droppedUnknown > 0 { stats.samplesDropped["unknown_series", default: 0] += droppedUnknown }
            }
        }
        let body = encoder.withBytes { Snappy.compress($0) }
        return EncodedBatch(body: body, series: slotRows.count, newest: newest)
    }

    /// Each entry's row in the series table, -1 for a series the file does not have; series not
    /// seen before are read, relabelled and encoded first. Nil when the file could not be read.
    private mutating func rows(of entries: [RemoteLogCodec.Entry], log: RemoteWriteLog) -> [Int32]? {
        var rows = [Int32](repeating: -1, count: entries.count)
        var unknown: Set<Int64> = []
        for (index, entry) in entries.enumerated() {
            if let row = seriesTable.row(of: entry.seriesID) { rows[index] = row } else { unknown.insert(entry.seriesID) }
        }
        guard !unknown.isEmpty else { return rows }
        let found: [Int64: Labels]
        do {
            found = try log.labels(of: Array(unknown))
        } catch {
            sender.onEvent(.logUnavailable(remoteName: endpoint.remoteName, reason: error.description))
            return nil
        }
        for (id, labels) in found { seriesTable.add(id: id, labels: relabel(labels).map(WriteRequestEncoder.SeriesLabels.init)) }
        for (index, entry) in entries.enumerated() where rows[index] < 0 { rows[index] = seriesTable.row(of: entry.seriesID) ?? -1 }
        return rows
    }

    /// External labels go on where the series lacks them, then write_relabel_configs run, as in Prometheus.
    private func relabel(_ labels: Labels) -> Labels? {
        var withExternal = labels
        for label in sender.externalLabels where labels[label.name] == nil { withExternal.set(label.name, label.value) }
        return Relabeler.apply(endpoint.writeRelabelConfigs, to: withExternal)
    }
}
