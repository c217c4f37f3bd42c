/// The shortest SGR sequence that changes the terminal's drawing style from one style to another.
enum StyleTransition {
    /// Appends the SGR that turns `from` into `to`; nothing when they are equal.
    static func append(from: Style, to: Style, to out: inout [UInt8]) {
        guard from != to else { return }
        if to == .plain {
            out.append(contentsOf: ControlSequence.shortResetStyle)
            return
        }
        var incremental: [UInt8] = []
        incrementalParameters(from: from, to: to, into: &incremental)
        var reset: [UInt8] = [0x30]
        fullParameters(to, into: &reset)
        out.append(ControlSequence.escape)
        out.append(0x5B)
        out.append(contentsOf: incremental.count <= reset.count ? incremental : reset)
        out.append(0x6D)
    }

    /// Bytes `append(from:to:to:)` would add.
    static func length(from: Style, to: Style) -> Int {
        var scratch: [UInt8] = []
        append(from: from, to: to, to: &scratch)
        return scratch.count
    }

    /// Parameters that change only what differs (`22` clears both bold and dim, so a kept one is re-added).
    private static func incrementalParameters(from: Style, to: Style, into out: inout [UInt8]) {
        let removed = from.attributes.subtracting(to.attributes)
        var added = to.attributes.subtracting(from.attributes)
        if !removed.intersection([.bold, .dim]).isEmpty {
            parameter(22, into: &out)
            added.formUnion(to.attributes.intersection([.bold, .dim]))
        }
        if removed.contains(.underline) { parameter(24, into: &out) }
        if removed.contains(.reverse) { parameter(27, into: &out) }
        attributeParameters(added, into: &out)
        if from.foreground != to.foreground { colorParameters(to.foreground, base: 30, into: &out) }
        if from.background != to.background { colorParameters(to.background, base: 40, into: &out) }
    }

    /// Parameters that set `style` from the reset state (after a leading `0`).
    private static func fullParameters(_ style: Style, into out: inout [UInt8]) {
        attributeParameters(style.attributes, into: &out)
        if style.foreground != .terminalDefault { colorParameters(style.foreground, base: 30, into: &out) }
        if style.background != .terminalDefault { colorParameters(style.background, base: 40, into: &out) }
    }

    private static func attributeParameters(_ attributes: TextAttributes, into out: inout [UInt8]) {
        if attributes.contains(.bold) { parameter(1, into: &out) }
        if attributes.contains(.dim) { parameter(2, into: &out) }
        if attributes.contains(.underline) { parameter(4, into: &out) }
        if attributes.contains(.reverse) { parameter(7, into: &out) }
    }

    /// `base` is 30 for foreground, 40 for background.
    private static func colorParameters(_ color: Color, base: Int, into out: inout [UInt8]) {
        switch color {
        case .terminalDefault:
            parameter(base + 9, into: &out)
        case .ansi(let index) where index < 8:
            parameter(base + Int(index), into: &out)
        case .ansi(let index) where index < 16:
            parameter(base + 60 + Int(index) - 8, into: &out)
        case .ansi(let index), .indexed(let index):
            parameter(base + 8, into: &out)
            parameter(5, into: &out)
            parameter(Int(index), into: &out)
        case .rgb(let red, let green, let blue):
            parameter(base + 8, into: &out)
            parameter(2, into: &out)
            parameter(Int(red), into: &out)
            parameter(Int(green), into: &out)
            parameter(Int(blue), into: &out)
        }
    }

    private static func parameter(_ value: Int, into out: inout [UInt8]) {
        if !out.isEmpty { out.append(0x3B) }
        out.appendDecimal(value)
    }
}

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
