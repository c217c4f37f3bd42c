/// Stateless randomness: the same seed and coordinates always give the same bits.
///
/// Every value in the simulation is a function of `(seed, node, process, second)` rather than of
/// a generator's history, so any moment can be computed directly without replaying the ones before.
struct SimulationNoise: Sendable {
    /// Separates the independent random streams, so that e.g. burst timing and pid gaps never correlate.
    enum Stream: UInt64 {
        case pid = 1, quiet, burstShape, burstWindow, sparkleCount, sparkle, hot, stallJitter
        case runQueue, utilization, ports, atoms, memory, scanDuration
        case reductions, heap, distribution
    }

    let seed: UInt64

    func bits(_ stream: Stream, _ first: Int, _ second: Int = 0, _ third: Int = 0) -> UInt64 {
        var hash = SplitMix64.scramble(seed &+ stream.rawValue &* 0x9E37_79B9_7F4A_7C15)
        hash = SplitMix64.scramble(hash ^ UInt64(bitPattern: Int64(first)))
        hash = SplitMix64.scramble(hash &+ UInt64(bitPattern: Int64(second)))
        return SplitMix64.scramble(hash ^ UInt64(bitPattern: Int64(third)) &* 0xD6E8_FEB8_6659_FD93)
    }

    /// A value in `range`, uniform enough for a simulation (the modulo bias is far below noticing).
    func value(in range: ClosedRange<Int>, _ stream: Stream, _ first: Int, _ second: Int = 0, _ third: Int = 0) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound + 1)
        return range.lowerBound + Int(bits(stream, first, second, third) % span)
    }

    /// A generator for drawing several fixed parameters of one thing (a process's burst rhythm, say).
    func generator(_ stream: Stream, _ first: Int, _ second: Int = 0) -> SplitMix64 {
        SplitMix64(seed: bits(stream, first, second))
    }
}
