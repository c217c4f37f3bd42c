/// Values that are short decimals (`12`, `0.75`, `1.5e9`) stored exactly as integers times 10^-scale.
///
/// A value qualifies only when dividing the integer by 10^scale gives back the very same bits,
/// so the decimal mode is lossless; NaN, infinities and -0 never qualify and use XOR instead.
enum DecimalScale {
    static let maxScale = 9
    private static let powers: [Double] = (0...maxScale).map { scale in
        (0..<scale).reduce(1.0) { product, _ in product * 10 }
    }
    /// Beyond 2^53 not every integer is a Double, so the round trip could not be exact.
    private static let limit = 9_007_199_254_740_992.0

    /// The value as an integer at `scale`, or nil when it is not exactly such a decimal.
    @inline(__always)
    static func scaled(_ value: Double, scale: Int) -> Int64? {
        if scale == 0 {
            guard abs(value) < limit else { return nil }
            let integer = Int64(value)
            return Double(integer).bitPattern == value.bitPattern ? integer : nil
        }
        let product = (value * powers[scale]).rounded()
        guard abs(product) < limit else { return nil }
        let integer = Int64(product)
        return (Double(integer) / powers[scale]).bitPattern == value.bitPattern ? integer : nil
    }

    /// The smallest scale at or above `minimum` that holds the value exactly.
    static func smallestScale(for value: Double, from minimum: Int = 0) -> Int? {
        guard minimum <= maxScale else { return nil }
        return (minimum...maxScale).first { scaled(value, scale: $0) != nil }
    }

    @inline(__always)
    static func value(_ integer: Int64, scale: Int) -> Double {
        scale == 0 ? Double(integer) : Double(integer) / powers[scale]
    }
}
