extension WriterState {
    /// Keeps just-written chunk rows in memory next to the heads they were cut from, then lets go
    /// of those slots' chunks that ended before `windowStart`.
    func keepInMemory(_ chunks: [AppendPlan.PlannedChunk], windowStart: Int64) {
        for chunk in chunks {
            guard let position = index.slot(forID: chunk.seriesID) else { continue }
            // A chunk at or below the floor would never be read from memory.
            guard chunk.maxTimestamp > index.slots[position].memoryAfter else { continue }
            index.slots[position].recent.append(
                RecentChunk(minTimestamp: chunk.minTimestamp, maxTimestamp: chunk.maxTimestamp, count: chunk.count, bytes: chunk.bytes))
            dropRecentChunks(at: position, endingBefore: windowStart)
        }
    }

    /// Drops the in-memory chunks that end before `time`; memory then covers only what follows them.
    func dropRecentChunks(at position: Int, endingBefore time: Int64) {
        var dropped = 0
        while dropped < index.slots[position].recent.count, index.slots[position].recent[dropped].maxTimestamp < time {
            index.slots[position].memoryAfter = max(index.slots[position].memoryAfter, index.slots[position].recent[dropped].maxTimestamp)
            dropped += 1
        }
        if dropped > 0 { index.slots[position].recent.removeFirst(dropped) }
    }

    /// Declares that samples up to `time` may be only in the file, dropping chunks no longer readable from memory.
    func raiseMemoryFloor(at position: Int, to time: Int64) {
        guard time > index.slots[position].memoryAfter else { return }
        index.slots[position].memoryAfter = time
        index.slots[position].recent.removeAll { $0.maxTimestamp <= time }
    }

    /// Bytes of compressed samples held in memory: open heads plus recent chunks.
    var memoryChunkBytes: Int {
        var total = 0
        for slot in index.slots where slot.inUse {
            total += slot.head.byteCount
            for chunk in slot.recent { total += chunk.bytes.count }
        }
        return total
    }
}
