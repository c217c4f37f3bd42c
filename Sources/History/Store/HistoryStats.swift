/// Size and counts of a history file.
public struct HistoryStats: Sendable, Equatable {
    /// The database file plus its write-ahead log.
    public var fileBytes: Int64
    public var seriesCount: Int
    public var chunkCount: Int
    /// Samples in chunk rows plus samples still in open head chunks (the durable tail).
    public var sampleCount: Int
    public var headSamples: Int
    /// Rows in the durable tail (one per recent cycle).
    public var tailCycles: Int
    public var outOfOrderRejected: Int
    public var duplicatesRejected: Int

    public init(
        fileBytes: Int64, seriesCount: Int, chunkCount: Int, sampleCount: Int, headSamples: Int, tailCycles: Int,
        outOfOrderRejected: Int, duplicatesRejected: Int
    ) {
        self.fileBytes = fileBytes
        self.seriesCount = seriesCount
        self.chunkCount = chunkCount
        self.sampleCount = sampleCount
        self.headSamples = headSamples
        self.tailCycles = tailCycles
        self.outOfOrderRejected = outOfOrderRejected
        self.duplicatesRejected = duplicatesRejected
    }

    /// File bytes per stored sample.
    public var bytesPerSample: Double { sampleCount == 0 ? 0 : Double(fileBytes) / Double(sampleCount) }
}
