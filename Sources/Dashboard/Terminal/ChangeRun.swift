/// Changed cells next to each other in one row that the diff writer sends as a unit: text in
/// one style, or an erase when every cell in it turns blank.
struct ChangeRun {
    enum Kind {
        /// The cells' characters, in `style`.
        case text
        /// EL: the run reaches a row end that is blank from `start` on.
        case eraseLine
        /// ECH over `start..<end`, shorter than writing the spaces.
        case eraseCharacters
    }

    let y: Int
    let start: Int
    /// The column after the run.
    let end: Int
    /// Index into the writer's style table: the style drawn (plain for erases, which blank in
    /// the current background and so must be sent in the default style).
    let style: Int
    let kind: Kind

    /// Where the cursor is after the run: erases leave it in place, and after the last column
    /// it is not known (terminals differ in whether it has wrapped).
    func cursorAfter(width: Int) -> Position? {
        switch kind {
        case .eraseLine, .eraseCharacters: Position(x: start, y: y)
        case .text: end >= width ? nil : Position(x: end, y: y)
        }
    }
}
