/// One terminal cell: a character (a whole grapheme cluster) and its style.
public struct Cell: Hashable, Sendable {
    public var character: Character
    public var style: Style
    /// The right half of a wide character: the cell to its left draws it, so renderers skip this one.
    public var isWideContinuation: Bool

    public init(_ character: Character = " ", style: Style = .plain) {
        self.character = character
        self.style = style
        isWideContinuation = false
    }

    /// A space in the default style, as a cleared screen holds.
    public static let blank = Cell()

    static func continuation(style: Style) -> Cell {
        var cell = Cell(" ", style: style)
        cell.isWideContinuation = true
        return cell
    }
}
