/// One column of a `Table`: its title, how wide it is, how its text aligns, and how readily it
/// gives way when the table is too narrow.
public struct TableColumn: Hashable, Sendable {
    /// How a column's width is decided.
    public enum Width: Hashable, Sendable {
        /// Always this many cells.
        case fixed(Int)
        /// At least `min` cells, plus a `weight`-proportional share of the spare width.
        case flexible(min: Int, weight: Int)
    }

    public var title: String
    public var width: Width
    public var alignment: TextAlignment
    /// When the columns do not fit, the one with the highest priority is dropped first; 0 is never dropped.
    public var dropPriority: Int

    public init(_ title: String, width: Width, alignment: TextAlignment = .left, dropPriority: Int = 0) {
        self.title = title
        self.width = width
        self.alignment = alignment
        self.dropPriority = dropPriority
    }

    var minimumWidth: Int {
        switch width {
        case .fixed(let cells), .flexible(let cells, _): max(0, cells)
        }
    }
}
