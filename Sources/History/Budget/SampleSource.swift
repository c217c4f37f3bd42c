/// A run of a cycle's samples that one target sent, so the series budget can say whose new
/// series it refused. Sources cover the samples in order; samples past the last source belong to
/// none (staleness markers of removed targets, say) and count as one unnamed source.
public struct SampleSource: Sendable, Hashable {
    /// The target, as logs and `/metrics` name it (its URL).
    public var name: String
    /// How many consecutive samples, from where the previous source ended.
    public var count: Int

    public init(name: String, count: Int) {
        self.name = name
        self.count = count
    }
}
