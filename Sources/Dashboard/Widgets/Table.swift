/// Rows under a header, in columns that fit the width: flexible columns share the spare cells,
/// columns that cannot fit are dropped by priority, long text ends in an ellipsis, and the
/// selected row is drawn reversed.
public struct Table: Widget, Sendable {
    public var columns: [TableColumn]
    public var rows: [TableRow]
    /// Index into `rows` of the highlighted row, if any.
    public var selectedRow: Int?
    /// Index into `rows` of the first row drawn (scrolling).
    public var offset: Int
    public var showsHeader: Bool
    public var headerStyle: Style
    public var selectedStyle: Style
    public var symbols: Symbols
    /// Blank cells between columns.
    public var spacing: Int

    public init(
        columns: [TableColumn], rows: [TableRow], selectedRow: Int? = nil, offset: Int = 0, showsHeader: Bool = true,
        headerStyle: Style = Style(attributes: .bold), selectedStyle: Style = Style(attributes: .reverse),
        symbols: Symbols = .unicode, spacing: Int = 1
    ) {
        self.columns = columns
        self.rows = rows
        self.selectedRow = selectedRow
        self.offset = offset
        self.showsHeader = showsHeader
        self.headerStyle = headerStyle
        self.selectedStyle = selectedStyle
        self.symbols = symbols
        self.spacing = spacing
    }

    public func draw(in area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let widths = Self.columnWidths(columns, totalWidth: area.width, spacing: spacing)
        var y = area.y
        if showsHeader {
            drawCells(columns.map { .text($0.title) }, widths: widths, y: y, area: area, style: headerStyle, into: &buffer)
            y += 1
        }
        var index = max(0, offset)
        while y < area.maxY, index < rows.count {
            let row = rows[index]
            drawCells(row.cells, widths: widths, y: y, area: area, style: row.style, into: &buffer)
            if index == selectedRow {
                let highlight = selectedStyle
                buffer.updateStyle(in: area.row(y - area.y)) { style in
                    style.attributes.formUnion(highlight.attributes)
                    if highlight.foreground != .terminalDefault { style.foreground = highlight.foreground }
                    if highlight.background != .terminalDefault { style.background = highlight.background }
                }
            }
            y += 1
            index += 1
        }
    }

    /// The offset that keeps `selected` in view, scrolling as little as possible from `current`.
    public static func offset(keeping selected: Int, visibleRows: Int, current: Int = 0) -> Int {
        guard visibleRows > 0 else { return max(0, selected) }
        if selected < current { return max(0, selected) }
        if selected >= current + visibleRows { return selected - visibleRows + 1 }
        return max(0, current)
    }

    /// Each column's width, nil for a dropped one. Drops the highest `dropPriority` (rightmost on
    /// ties) until the minimums fit, then shares the spare width among flexible columns by weight.
    public static func columnWidths(_ columns: [TableColumn], totalWidth: Int, spacing: Int) -> [Int?] {
        var kept = Array(columns.indices)
        func required() -> Int {
            kept.reduce(0) { $0 + columns[$1].minimumWidth } + spacing * max(0, kept.count - 1)
        }
        while required() > totalWidth {
            let droppable = kept.filter { columns[$0].dropPriority > 0 }
            guard let victim = droppable.max(by: { columns[$0].dropPriority <= columns[$1].dropPriority }) else { break }
            kept.removeAll { $0 == victim }
        }
        var widths = [Int?](repeating: nil, count: columns.count)
        for index in kept { widths[index] = columns[index].minimumWidth }
        var spare = totalWidth - required()
        let flexible = kept.compactMap { index -> (Int, Int)? in
            if case .flexible(_, let weight) = columns[index].width, weight > 0 { return (index, weight) }
            return nil
        }
        let totalWeight = flexible.reduce(0) { $0 + $1.1 }
        if spare > 0, totalWeight > 0 {
            let share = spare
            for (index, weight) in flexible {
                let extra = share * weight / totalWeight
                widths[index]! += extra
                spare -= extra
            }
            // Rounding leftovers go to the first flexible columns, one cell each.
            var slot = 0
            while spare > 0 {
                widths[flexible[slot % flexible.count].0]! += 1
                spare -= 1
                slot += 1
            }
        }
        return widths
    }

    private func drawCells(_ cells: [TableCell], widths: [Int?], y: Int, area: Rect, style: Style, into buffer: inout Buffer) {
        var x = area.x
        var first = true
        for (index, column) in columns.enumerated() {
            guard let width = widths[index] else { continue }
            if !first { x += spacing }
            first = false
            // A short row's last cell runs on over the columns it leaves empty.
            let runsOn = index == cells.count - 1 && cells.count < columns.count
            let cellArea = Rect(x: x, y: y, width: runsOn ? area.maxX - x : min(width, area.maxX - x), height: 1)
            if index < cells.count, !cellArea.isEmpty { drawCell(cells[index], column: column, in: cellArea, rowStyle: style, into: &buffer) }
            x += width
            if runsOn || x >= area.maxX { break }
        }
    }

    private func drawCell(_ cell: TableCell, column: TableColumn, in area: Rect, rowStyle: Style, into buffer: inout Buffer) {
        switch cell {
        case .text(let text, let style):
            let fitted = TextFitting.aligned(text, width: area.width, alignment: column.alignment, ellipsis: symbols.ellipsis)
            buffer.write(fitted, at: Position(x: area.x, y: area.y), style: style ?? rowStyle, maxWidth: area.width)
        case .sparkline(let values, let style, let span):
            Sparkline(values: values, style: style ?? rowStyle, glyphs: symbols.sparkline, span: span).draw(in: area, into: &buffer)
        }
    }
}

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

/// One table row: its cells in column order, and a style for cells without their own.
///
/// A row may have fewer cells than the table has columns; its last cell then runs on to the
/// end of the row, as a down node's reason does in place of figures it does not have.
public struct TableRow: Hashable, Sendable {
    public var cells: [TableCell]
    public var style: Style

    public init(_ cells: [TableCell], style: Style = .plain) {
        self.cells = cells
        self.style = style
    }
}

/// What one table cell shows.
public enum TableCell: Hashable, Sendable {
    /// Text, truncated with an ellipsis if the column is narrower; nil style means the row's.
    case text(String, style: Style? = nil)
    /// A sparkline filling the column; with a span, the whole span fits the column (`SparklineSpan`).
    case sparkline([Double], style: Style? = nil, span: SparklineSpan? = nil)
}
