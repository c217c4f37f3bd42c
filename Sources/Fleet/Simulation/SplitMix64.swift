/// A small seedable generator (SplitMix64), so a fleet replays identically for a seed.
///
/// `SystemRandomNumberGenerator` would make every run different, which would make the
/// scenarios impossible to test without sleeping and comparing shapes.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.scramble(state)
    }

    /// The SplitMix64 output function: a bijection that spreads every input bit over the output.
    static func scramble(_ value: UInt64) -> UInt64 {
        var mixed = value
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
