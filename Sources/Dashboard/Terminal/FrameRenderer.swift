/// Turns buffers into the bytes that bring the screen from one frame to the next.
///
/// Only cells that changed are sent (see `DiffWriter`): runs of them in an order that keeps
/// moves and style switches short, each reached by the cheapest cursor move (or by rewriting
/// the cells on the way when that is shorter), blanks erased rather than written when that is
/// shorter, blocks of rows that moved up or down (a process leaving or entering a table) scrolled
/// in a scroll region, rows whose cells moved left (a sparkline moving on) shifted with DCH, and
/// a style sent only when it differs from the last one sent. Each frame is one `[UInt8]`,
/// wrapped in synchronized-update codes, meant for a single `write`. Every frame starts and ends
/// in the default style, so frames do not depend on each other beyond the screen contents.
public struct FrameRenderer: Sendable {
    public var colorMode: ColorMode
    /// What the screen shows now, as far as this renderer knows; nil forces a full redraw.
    public private(set) var screen: Buffer?

    /// Whether rows whose cells moved left are shifted with DCH; off, every changed cell is
    /// redrawn (to measure what shifting saves, or for a terminal that lacks DCH).
    public var shiftsRows: Bool

    /// Whether blocks of rows that moved up or down are scrolled (DECSTBM with SU or SD); off,
    /// every changed cell of them is redrawn (to measure what moving saves, or for a terminal
    /// that lacks scroll regions).
    public var movesRows: Bool

    public init(colorMode: ColorMode = .fromEnvironment(), shiftsRows: Bool = true, movesRows: Bool = true) {
        self.colorMode = colorMode
        self.shiftsRows = shiftsRows
        self.movesRows = movesRows
    }

    /// The bytes for `next`, diffed against the last frame rendered (a full redraw for the first
    /// frame, after a size change, or after `invalidate()`). Empty when nothing changed.
    public mutating func render(_ next: Buffer) -> [UInt8] {
        let bytes = frame(from: screen, to: next)
        screen = next
        return bytes
    }

    /// Forgets the screen contents so the next frame redraws everything: after a resize, or when
    /// something else may have drawn on the terminal.
    public mutating func invalidate() {
        screen = nil
    }

    /// The bytes that turn a screen showing `previous` into `next`. A nil `previous`, or one of a
    /// different size, clears the screen and draws every non-blank cell.
    public func frame(from previous: Buffer?, to next: Buffer) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(previous == nil ? next.width * next.height * 2 : 256)
        out.append(contentsOf: ControlSequence.beginSynchronizedUpdate)
        let headerLength = out.count
        let base: Buffer
        // Moving or shifting the cells of a cleared screen never saves anything, so it is not weighed.
        let cleared: Bool
        if let previous, previous.width == next.width, previous.height == next.height {
            base = previous
            cleared = false
        } else {
            out.append(contentsOf: ControlSequence.resetStyle)
            out.append(contentsOf: ControlSequence.clearScreen)
            base = Buffer(width: next.width, height: next.height)
            cleared = true
        }
        var writer = DiffWriter(colorMode: colorMode, width: next.width)
        next.cells.withUnsafeBufferPointer { nextCells in
            base.cells.withUnsafeBufferPointer { oldCells in
                writer.writeChanges(
                    old: oldCells, new: nextCells, height: next.height, moving: movesRows && !cleared, shifting: shiftsRows && !cleared,
                    into: &out
                )
            }
        }
        if out.count == headerLength { return [] }
        if writer.style != .plain { out.append(contentsOf: ControlSequence.shortResetStyle) }
        out.append(contentsOf: ControlSequence.endSynchronizedUpdate)
        return out
    }
}
