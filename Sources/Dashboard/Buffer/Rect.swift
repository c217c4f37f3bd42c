/// A cell's column (`x`) and row (`y`), both from 0 at the top left.
public struct Position: Hashable, Sendable {
    public var x: Int
    public var y: Int

    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

/// A rectangle of cells; widgets draw only inside the one they are given.
public struct Rect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    /// Never negative: a rectangle squeezed past nothing is empty, not inverted.
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var isEmpty: Bool { width == 0 || height == 0 }
    /// One past the last column.
    public var maxX: Int { x + width }
    /// One past the last row.
    public var maxY: Int { y + height }

    /// This rectangle shrunk by `amount` on every side.
    public func inset(by amount: Int) -> Rect {
        inset(top: amount, left: amount, bottom: amount, right: amount)
    }

    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        let newWidth = max(0, width - left - right)
        let newHeight = max(0, height - top - bottom)
        return Rect(x: x + min(left, width), y: y + min(top, height), width: newWidth, height: newHeight)
    }

    /// The cells both rectangles cover (empty when they do not overlap).
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x)
        let top = max(y, other.y)
        let right = min(maxX, other.maxX)
        let bottom = min(maxY, other.maxY)
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// Row `index` (from 0) as a one-row rectangle; empty when out of range.
    public func row(_ index: Int) -> Rect {
        guard index >= 0, index < height else { return Rect(x: x, y: y, width: 0, height: 0) }
        return Rect(x: x, y: y + index, width: width, height: 1)
    }

    /// A `width`×`height` rectangle centered in this one, clipped to it.
    public func centered(width wanted: Int, height wantedHeight: Int) -> Rect {
        let w = min(width, max(0, wanted))
        let h = min(height, max(0, wantedHeight))
        return Rect(x: x + (width - w) / 2, y: y + (height - h) / 2, width: w, height: h)
    }

    public func contains(_ position: Position) -> Bool {
        position.x >= x && position.x < maxX && position.y >= y && position.y < maxY
    }
}

extension Rect {
    /// Splits this rectangle into one part per constraint, in order, without gaps or overlap.
    ///
    /// When the constraints ask for more than there is, the last parts shrink first (down to
    /// empty), so the parts listed first are the ones that stay whole on a small terminal.
    public func split(_ axis: LayoutAxis, _ constraints: [LayoutConstraint]) -> [Rect] {
        let total = axis == .vertical ? height : width
        var sizes = constraints.map { constraint -> Int in
            switch constraint {
            case .fixed(let cells), .min(let cells): return Swift.max(0, cells)
            case .percentage(let share): return total * Swift.max(0, Swift.min(share, 100)) / 100
            }
        }
        var excess = sizes.reduce(0, +) - total
        var index = sizes.count - 1
        while excess > 0, index >= 0 {
            let cut = Swift.min(excess, sizes[index])
            sizes[index] -= cut
            excess -= cut
            index -= 1
        }
        let growable = constraints.indices.filter { if case .min = constraints[$0] { true } else { false } }
        if excess < 0, !growable.isEmpty {
            let spare = -excess
            for (order, slot) in growable.enumerated() {
                sizes[slot] += spare / growable.count + (order < spare % growable.count ? 1 : 0)
            }
        }
        var offset = 0
        return sizes.map { size in
            defer { offset += size }
            switch axis {
            case .vertical: return Rect(x: x, y: y + offset, width: width, height: size)
            case .horizontal: return Rect(x: x + offset, y: y, width: size, height: height)
            }
        }
    }
}

/// The direction a split stacks its parts in.
public enum LayoutAxis: Hashable, Sendable {
    /// Parts stacked top to bottom (each spans the full width).
    case vertical
    /// Parts side by side, left to right (each spans the full height).
    case horizontal
}

/// How much of a rectangle one part of a split takes.
public enum LayoutConstraint: Hashable, Sendable {
    /// Exactly this many cells (fewer if the space runs out).
    case fixed(Int)
    /// This share of the whole, rounded down.
    case percentage(Int)
    /// At least this many cells, plus an equal share of whatever the other parts leave.
    case min(Int)
}
