/// One table row: its cells in column order, and a style for cells without their own.
public struct TableRow: Hashable, Sendable {
    public var cells: [TableCell]
    public var style: Style

    public init(_ cells: [TableCell], style: Style = .plain) {
        self.cells = cells
        self.style = style
    }
}
