public import TimeSeries

/// A cheap 64-bit digest of a series' last label (usually `pid`), to rule out most candidates
/// for "the same series as last time" without comparing label sets or touching reference counts.
enum SeriesFingerprint {
    /// FNV-1a over the last label's name and value; 0 for no labels.
    static func of(_ labels: Labels) -> UInt64 {
        guard let last = labels.last else { return 0 }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in last.name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        hash = (hash ^ 0xFF) &* 0x100_0000_01b3
        for byte in last.value.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
