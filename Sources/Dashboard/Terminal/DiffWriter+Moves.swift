extension DiffWriter {
    /// Rows a block may move by: a process leaving or entering the table moves the rows below it
    /// by one, a few when several did between frames. Each displacement weighed costs a pass of
    /// probes over the frame, and farther moves are rare.
    static let maximumMove = 4
    /// Moves sent in a frame at most: a table rarely has more than a few places where rows left
    /// or entered, and each further one costs another search.
    static let maximumMoves = 4

    /// The blocks of rows that are cheapest sent as the previous frame's rows scrolled up or down
    /// (see `RowMove`), in the order they are to be sent.
    ///
    /// A row's gain under a displacement is the bytes of fixing it as it stands less those of
    /// fixing it after the move, reckoned like `findShifts` does. Gains are first estimated from
    /// a few probed columns; the contiguous block with the largest estimate (Kadane) is then
    /// weighed in full, the rows the scroll blanks included, and taken when it saves more than
    /// its control sequences take. A region spans the full width, so what a move damages in rows
    /// that match only in part counts against it. Further moves are found the same way among the
    /// rows no move claimed yet; two may share a row only where one blanks what the other fills,
    /// as where the rows below two processes that left move up by one and by two.
    func findMoves(old: UnsafeBufferPointer<Cell>, new: UnsafeBufferPointer<Cell>, height: Int) -> [RowMove] {
        guard height > 1, width > 0 else { return [] }
        let reach = min(Self.maximumMove, height - 1)
        let offsets = Array(1...reach) + (1...reach).map { -$0 }
        let (estimates, blanking, keys) = estimatedGains(old: old, new: new, height: height, offsets: offsets)
        var claims = RowClaims(height: height)
        var moves: [RowMove] = []
        while moves.count < Self.maximumMoves {
            var candidates: [(rows: ClosedRange<Int>, offset: Int, estimate: Int)] = []
            for (index, offset) in offsets.enumerated() {
                let block = Self.bestBlock(in: 0..<height) { y in
                    claims.canFill(y) && claims.canSource(y + offset, height: height) ? estimates[index * height + y] : nil
                }
                guard let block else { continue }
                let move = RowMove(rows: block.rows, offset: offset)
                let estimate = move.blanked.reduce(block.gain) { $0 + blanking[$1] }
                // An estimate short of the control sequences is rarely worth weighing in full.
                if estimate > move.length { candidates.append((block.rows, offset, estimate)) }
            }
            candidates.sort { $0.estimate > $1.estimate }
            var found: RowMove?
            for candidate in candidates {
                found = weighedMove(candidate.rows, offset: candidate.offset, old: old, new: new, keys: keys, claims: &claims)
                if found != nil { break }
            }
            guard let move = found else { break }
            moves.append(move)
            claims.claim(move)
        }
        return Self.sendingOrder(moves)
    }

    /// `moves` in an order the terminal can apply them in: one that blanks a row another fills
    /// goes first. Any caught in a cycle (never seen, but not ruled out) are left out.
    static func sendingOrder(_ moves: [RowMove]) -> [RowMove] {
        var pending = moves
        var ordered: [RowMove] = []
        while let next = pending.firstIndex(where: { move in !pending.contains { $0.blanked.overlaps(move.rows) } }) {
            ordered.append(pending.remove(at: next))
        }
        return ordered
    }

    /// Sends the moves, then resets the scroll region. Moves go first in a frame, while the
    /// terminal draws in the default style, so the rows they blank are default blanks.
    mutating func writeMoves(_ moves: [RowMove], into out: inout [UInt8]) {
        for move in moves { move.append(to: &out) }
        out.append(contentsOf: ControlSequence.resetScrollRegion)
        // DECSTBM sends the cursor home, where terminals agree; the next move is absolute anyway.
        cursor = nil
    }

    /// A copy of `old` with `moves` applied: what the terminal shows before the rest is diffed.
    /// The caller deinitializes and deallocates it.
    func movedScreen(_ old: UnsafeBufferPointer<Cell>, moves: [RowMove]) -> UnsafeMutableBufferPointer<Cell> {
        let screen = UnsafeMutableBufferPointer<Cell>.allocate(capacity: old.count)
        _ = screen.initialize(from: old)
        for move in moves { move.apply(to: screen.baseAddress!, width: width) }
        return screen
    }

    /// The best part of `rows` moved by `offset`, weighed in full, when it pays and leaves the
    /// rows other moves claimed alone (see `RowClaims`).
    private func weighedMove(
        _ rows: ClosedRange<Int>, offset: Int, old: UnsafeBufferPointer<Cell>, new: UnsafeBufferPointer<Cell>, keys: SegmentKeys,
        claims: inout RowClaims
    ) -> RowMove? {
        func row(_ cells: UnsafeBufferPointer<Cell>, _ y: Int) -> UnsafePointer<Cell> { cells.baseAddress! + y * width }
        func cost(_ y: Int, from source: Int?) -> Int {
            let oldKeys = source.map { keys.old[($0 * keys.segments)...] } ?? keys.blank[...]
            return rowCost(old: source.map { row(old, $0) }, new: row(new, y), unchanged: { oldKeys[oldKeys.startIndex + $0] == keys.new[y * keys.segments + $0] })
        }
        func standing(_ y: Int) -> Int {
            if let cost = claims.standingCost[y] { return cost }
            let standing = cost(y, from: y)
            claims.standingCost[y] = standing
            return standing
        }
        var gains = [Int](repeating: 0, count: rows.count)
        for y in rows { gains[y - rows.lowerBound] = standing(y) - cost(y, from: y + offset) }
        guard let block = Self.bestBlock(in: 0..<gains.count, gain: { gains[$0] }) else { return nil }
        let move = RowMove(rows: (rows.lowerBound + block.rows.lowerBound)...(rows.lowerBound + block.rows.upperBound), offset: offset)
        guard move.blanked.allSatisfy({ claims.canBlank($0) }) else { return nil }
        var saved = block.gain
        // A row another move fills ends up as that move leaves it, blanked first or not.
        for y in move.blanked where !claims.filled[y] { saved += standing(y) - cost(y, from: nil) }
        guard saved > move.length else { return nil }
        for y in move.blanked where !claims.filled[y] { claims.standingCost[y] = cost(y, from: nil) }
        return move
    }

    /// Bytes reckoned for bringing a row that shows `old` (nil: blanks) to `new`, as `findShifts`
    /// reckons them: the changed characters, plus a move for each run of them; a run that only
    /// blanks cells is reckoned as the erase the writer sends for it when that is shorter, and
    /// one from where the row stays blank to its end as EL. Stretches `unchanged` says are the
    /// same (see `SegmentKeys`) are passed over.
    private func rowCost(old: UnsafePointer<Cell>?, new: UnsafePointer<Cell>, unchanged: (Int) -> Bool) -> Int {
        let segments = min(width, Self.estimatedSegments)
        var blankFrom = width
        while blankFrom > 0, new[blankFrom - 1].character == " ", colorMode.effective(new[blankFrom - 1].style) == .plain {
            blankFrom -= 1
        }
        var cost = 0
        var run = (cells: 0, bytes: 0, blank: true)
        func endRun() {
            guard run.cells > 0 else { return }
            let erase = ControlSequence.eraseCharactersLength(run.cells)
            cost += Self.reckonedMoveCost + (run.blank ? min(run.bytes, erase) : run.bytes)
            run = (0, 0, true)
        }
        var segment = -1
        var segmentEnd = 0
        var x = 0
        while x < width {
            if x == segmentEnd {
                segment += 1
                segmentEnd = (segment + 1) * width / segments
                if unchanged(segment) {
                    endRun()
                    x = segmentEnd
                    continue
                }
            }
            let column = x
            let cell = new[column]
            x += 1
            // A wide character's right half goes with its left.
            if cell.isWideContinuation { continue }
            if same(old?[column] ?? .blank, cell) {
                endRun()
                continue
            }
            if column >= blankFrom, run.cells == 0 {
                cost += Self.reckonedMoveCost + ControlSequence.eraseToEndOfLine.count
                return cost
            }
            run.cells += 1
            run.bytes += Self.byteLength(cell.character)
            run.blank = run.blank && cell.character == " " && colorMode.effective(cell.style) == .plain
        }
        endRun()
        return cost
    }

    /// The contiguous rows of `rows` whose gains add up to the most, when that is positive
    /// (Kadane's scan); a nil gain marks a row no block may include.
    static func bestBlock(in rows: Range<Int>, gain: (Int) -> Int?) -> (rows: ClosedRange<Int>, gain: Int)? {
        var best: (rows: ClosedRange<Int>, gain: Int)?
        var start = rows.lowerBound
        var sum = 0
        for y in rows {
            guard let value = gain(y) else {
                sum = 0
                continue
            }
            if sum <= 0 {
                start = y
                sum = value
            } else {
                sum += value
            }
            if sum > best?.gain ?? 0 { best = (start...y, sum) }
        }
        return best
    }
}
