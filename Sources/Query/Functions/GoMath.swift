/// Go's `math.Max` and `math.Min`, whose NaN and infinity rules differ from Swift's `max`/`min`:
/// an infinity in the right direction wins over NaN, otherwise NaN wins.
enum GoMath {
    static func max(_ x: Double, _ y: Double) -> Double {
        if x == .infinity || y == .infinity { return .infinity }
        if x.isNaN || y.isNaN { return .nan }
        if x == 0 && y == 0 { return x.sign == .minus ? y : x }
        return x > y ? x : y
    }

    static func min(_ x: Double, _ y: Double) -> Double {
        if x == -.infinity || y == -.infinity { return -.infinity }
        if x.isNaN || y.isNaN { return .nan }
        if x == 0 && y == 0 { return x.sign == .minus ? x : y }
        return x < y ? x : y
    }
}
