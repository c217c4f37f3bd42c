/// The distinct styles in one frame's changes, numbered, with the SGR length from one to
/// another worked out once: the diff writer weighs a style switch for every run it considers.
struct StyleTable {
    /// Index 0 is the default style, which every frame starts and ends in.
    private(set) var styles: [Style] = [.plain]
    private var indices: [Style: Int] = [.plain: 0]
    /// Row-major `cachedLimit`×`cachedLimit` lengths, -1 until needed; past that many styles
    /// (a pathological frame) lengths are worked out each time instead.
    private var lengths: [Int] = []
    private static let cachedLimit = 32

    /// The number for `style`, adding it when new.
    mutating func index(of style: Style) -> Int {
        if let index = indices[style] { return index }
        styles.append(style)
        indices[style] = styles.count - 1
        return styles.count - 1
    }

    /// Bytes of the SGR that turns style `from` into style `to`.
    mutating func transitionLength(from: Int, to: Int) -> Int {
        if from == to { return 0 }
        guard from < Self.cachedLimit, to < Self.cachedLimit else {
            return StyleTransition.length(from: styles[from], to: styles[to])
        }
        if lengths.isEmpty { lengths = Array(repeating: -1, count: Self.cachedLimit * Self.cachedLimit) }
        let slot = from * Self.cachedLimit + to
        if lengths[slot] < 0 { lengths[slot] = StyleTransition.length(from: styles[from], to: styles[to]) }
        return lengths[slot]
    }
}
