/// The direction a split stacks its parts in.
public enum LayoutAxis: Hashable, Sendable {
    /// Parts stacked top to bottom (each spans the full width).
    case vertical
    /// Parts side by side, left to right (each spans the full height).
    case horizontal
}
