/// Where text sits in a column wider than it.
public enum TextAlignment: Hashable, Sendable {
    case left
    case right
    case center
}
