import TimeSeries

/// The metadata lines (`# HELP`, `# TYPE`, `# UNIT`) a target sent before: like series texts, a
/// line byte-equal to one that parsed cleanly needs no reading again.
extension TargetSeriesCache {
    /// Notes that this read met the known metadata line in `slot`.
    mutating func noteMetadataLine(_ slot: Int) {
        if metadataLines.markSeen(slot, pass: pass) { liveMetadataLines += 1 }
    }

    /// What the known metadata line in `slot` said.
    func metadata(ofLine slot: Int) -> ExpositionEntry {
        metadata[Int(metadataLines.value(at: slot))]
    }

    /// Remembers a metadata line that just parsed cleanly as `entry`, its metric name starting
    /// `nameOffset` bytes in.
    mutating func addMetadataLine(_ line: UnsafeBufferPointer<UInt8>, hash: UInt64, nameOffset: Int, entry: ExpositionEntry) {
        metadataLines.insert(line, hash: hash, mark: nameOffset, value: Int32(metadata.count), pass: pass)
        metadata.append(entry)
        liveMetadataLines += 1
    }

    mutating func forgetMetadata() {
        metadataLines.removeAll()
        metadata.removeAll()
    }
}
