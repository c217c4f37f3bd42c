internal import History
internal import TimeSeries

extension SenderRun {
    /// One batch on the wire: the compressed body, how many series it holds, its newest timestamp.
    struct EncodedBatch {
        var body: [UInt8]
        var series: Int
        var newest: Int64
    }

    /// One series' samples in a batch: its entries, picked out by index, as the encoder reads them.
    struct SeriesSamples: Sequence {
        let entries: UnsafeBufferPointer<RemoteLogCodec.Entry>
        let indices: UnsafeBufferPointer<Int32>

        struct Iterator: IteratorProtocol {
            let entries: UnsafeBufferPointer<RemoteLogCodec.Entry>
            var indices: UnsafeBufferPointer<Int32>.Iterator

            mutating func next() -> (Int64, Double)? {
                guard let index = indices.next() else { return nil }
                let entry = entries[Int(index)]
                return (entry.timestamp, entry.value)
            }
        }

        func makeIterator() -> Iterator { Iterator(entries: entries, indices: indices.makeIterator()) }
    }

    /// Samples grouped per series (first appearance order, time order within), relabelled, with
    /// external labels, encoded and compressed; nil when labels could not be read.
    mutating func encode(_ entries: [RemoteLogCodec.Entry], log: RemoteWriteLog) -> EncodedBatch? {
        guard let rows = rows(of: entries, log: log) else { return nil }
        let timestamps = entries.map(\.timestamp)
        let grouping = timestamps.withUnsafeBufferPointer { seriesTable.group(rows: rows, timestamps: $0) }
        let arena = seriesTable.labelBytes
        let labelStart = seriesTable.labelStart
        let labelSize = seriesTable.labelSize
        encoder.removeAll()
        arena.withUnsafeBytes { arena in
            entries.withUnsafeBufferPointer { entries in
                grouping.order.withUnsafeBufferPointer { order in
                    for (slot, row) in grouping.rows.enumerated() {
                        let start = labelStart[Int(row)]
                        let labels = UnsafeRawBufferPointer(rebasing: arena[start..<(start + Int(labelSize[Int(row)]))])
                        let indices = UnsafeBufferPointer(rebasing: order[grouping.starts[slot]..<grouping.starts[slot + 1]])
                        encoder.appendSeries(labelBytes: labels, samples: SeriesSamples(entries: entries, indices: indices))
                    }
                }
            }
        }
        if grouping.droppedByRelabelling > 0 || grouping.droppedAsUnknown > 0 {
            sender.update { stats in
                if grouping.droppedByRelabelling > 0 { stats.samplesDropped["relabel", default: 0] += grouping.droppedByRelabelling }
                if grouping.droppedAsUnknown > 0 { stats.samplesDropped["unknown_series", default: 0] += grouping.droppedAsUnknown }
            }
        }
        let body = encoder.withBytes { Snappy.compress($0, scratch: &compressed) }
        return EncodedBatch(body: body, series: grouping.rows.count, newest: grouping.newest)
    }

    /// Each entry's row in the series table, -1 for a series the file does not have; series not
    /// seen before are read, relabelled and encoded first. Nil when the file could not be read.
    private mutating func rows(of entries: [RemoteLogCodec.Entry], log: RemoteWriteLog) -> [Int32]? {
        var rows = [Int32](repeating: -1, count: entries.count)
        var unknown: Set<Int64> = []
        // In the order they first appear: the next batches meet them in about that order again, so
        // their labels are read from the table front to back rather than all over it.
        var unknownInOrder: [Int64] = []
        for (index, entry) in entries.enumerated() {
            if let row = seriesTable.row(of: entry.seriesID) {
                rows[index] = row
            } else if unknown.insert(entry.seriesID).inserted {
                unknownInOrder.append(entry.seriesID)
            }
        }
        guard !unknown.isEmpty else { return rows }
        let found: [Int64: Labels]
        do {
            found = try log.labels(of: unknownInOrder)
        } catch {
            sender.onEvent(.logUnavailable(remoteName: endpoint.remoteName, reason: error.description))
            return nil
        }
        for id in unknownInOrder {
            guard let labels = found[id] else { continue }
            seriesTable.add(id: id, labels: relabel(labels).map(WriteRequestEncoder.SeriesLabels.init))
        }
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
