/// The shortest way to move the terminal's cursor between two known cells without drawing:
/// CUP, or a vertical part (LFs, CUD, CUU) followed by a horizontal one (CUF, BSs, CUB, CR
/// with CUF, CHA) — the moves ncurses weighs too. Rewriting cells on the way is the
/// `DiffWriter`'s call, since only it knows what they hold.
struct CursorMotion: Equatable {
    enum Vertical: Equatable {
        case none
        /// LF bytes: one byte a row, and never scrolls since the target row is on screen.
        case lineFeeds(Int)
        case down(Int)
        case up(Int)
    }

    enum Horizontal: Equatable {
        case none
        case forward(Int)
        /// BS bytes: one byte a column, cheaper than CUB for a short step back.
        case backspaces(Int)
        case backward(Int)
        /// CR, then CUF to the column when it is not the first.
        case fromLeft(Int)
        /// CHA to a 0-based column.
        case column(Int)
    }

    enum Kind: Equatable {
        case absolute(Position)
        case relative(Vertical, Horizontal)
    }

    let kind: Kind
    /// Bytes the move takes.
    let cost: Int

    /// Steps of LF or BS beyond which the CSI form is as short.
    private static let singleByteStepLimit = 4

    /// The cheapest move from `from` to `to` (nil `from`: the cursor is not known, so CUP).
    static func cheapest(from: Position?, to: Position) -> CursorMotion {
        let absolute = CursorMotion(kind: .absolute(to), cost: ControlSequence.cursorPositionLength(x: to.x, y: to.y))
        guard let from else { return absolute }
        if from == to { return CursorMotion(kind: .relative(.none, .none), cost: 0) }
        let vertical = verticalPart(from.y, to.y)
        let horizontal = horizontalPart(from.x, to.x)
        let relativeCost = vertical.cost + horizontal.cost
        guard relativeCost < absolute.cost else { return absolute }
        return CursorMotion(kind: .relative(vertical.motion, horizontal.motion), cost: relativeCost)
    }

    private static func verticalPart(_ from: Int, _ to: Int) -> (motion: Vertical, cost: Int) {
        let rows = to - from
        if rows == 0 { return (.none, 0) }
        if rows < 0 { return (.up(-rows), ControlSequence.cursorVerticalLength(-rows)) }
        let csi = ControlSequence.cursorVerticalLength(rows)
        return rows <= singleByteStepLimit && rows < csi ? (.lineFeeds(rows), rows) : (.down(rows), csi)
    }

    private static func horizontalPart(_ from: Int, _ to: Int) -> (motion: Horizontal, cost: Int) {
        let columns = to - from
        if columns == 0 { return (.none, 0) }
        var best: (motion: Horizontal, cost: Int)
        if columns > 0 {
            best = (.forward(columns), ControlSequence.cursorForwardLength(columns))
        } else {
            let back = -columns
            let csi = ControlSequence.cursorForwardLength(back)
            best = back <= singleByteStepLimit && back < csi ? (.backspaces(back), back) : (.backward(back), csi)
        }
        let fromLeft = 1 + (to == 0 ? 0 : ControlSequence.cursorForwardLength(to))
        if fromLeft < best.cost { best = (.fromLeft(to), fromLeft) }
        let column = ControlSequence.cursorColumnLength(to)
        if column < best.cost { best = (.column(to), column) }
        return best
    }

    func append(to out: inout [UInt8]) {
        switch kind {
        case .absolute(let target):
            ControlSequence.appendCursorPosition(x: target.x, y: target.y, to: &out)
        case .relative(let vertical, let horizontal):
            switch vertical {
            case .none: break
            case .lineFeeds(let rows): out.append(contentsOf: repeatElement(ControlSequence.lineFeed, count: rows))
            case .down(let rows): ControlSequence.appendCursorDown(rows, to: &out)
            case .up(let rows): ControlSequence.appendCursorUp(rows, to: &out)
            }
            switch horizontal {
            case .none: break
            case .forward(let columns): ControlSequence.appendCursorForward(columns, to: &out)
            case .backspaces(let columns): out.append(contentsOf: repeatElement(ControlSequence.backspace, count: columns))
            case .backward(let columns): ControlSequence.appendCursorBackward(columns, to: &out)
            case .fromLeft(let x):
                out.append(ControlSequence.carriageReturn)
                if x > 0 { ControlSequence.appendCursorForward(x, to: &out) }
            case .column(let x): ControlSequence.appendCursorColumn(x, to: &out)
            }
        }
    }
}
