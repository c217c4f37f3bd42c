/// A duration written the Prometheus way (`1h30m`, `800ms`, `15d`), kept in milliseconds.
public struct PromDuration: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }
    public init(seconds: Double) { milliseconds = Int64((seconds * 1000).rounded()) }

    public static let zero = PromDuration(milliseconds: 0)
    public static func seconds(_ value: Int64) -> PromDuration { PromDuration(milliseconds: value * 1000) }
    public static func millis(_ value: Int64) -> PromDuration { PromDuration(milliseconds: value) }

    public var seconds: Double { Double(milliseconds) / 1000 }

    public static func < (lhs: PromDuration, rhs: PromDuration) -> Bool { lhs.milliseconds < rhs.milliseconds }

    private static let units: [(suffix: String, milliseconds: Int64)] = [
        ("y", 365 * 86_400_000), ("w", 7 * 86_400_000), ("d", 86_400_000), ("h", 3_600_000),
        ("m", 60_000), ("s", 1000), ("ms", 1),
    ]

    /// Parses `1h30m`, `800ms`, `2d`: units y w d h m s ms, largest first, each at most once.
    public init?(parsing text: String) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        var index = 0
        var total: Int64 = 0
        var lastUnitRank = -1
        while index < bytes.count {
            var number: Int64 = 0
            let digitsStart = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                let (product, overflow) = number.multipliedReportingOverflow(by: 10)
                guard !overflow else { return nil }
                number = product + Int64(bytes[index] - 0x30)
                index += 1
            }
            guard index > digitsStart else { return nil }
            let unitStart = index
            while index < bytes.count, bytes[index] >= 0x61, bytes[index] <= 0x7A { index += 1 }
            let unit = String(decoding: bytes[unitStart..<index], as: UTF8.self)
            guard let rank = Self.units.firstIndex(where: { $0.suffix == unit }), rank > lastUnitRank else {
                return nil
            }
            lastUnitRank = rank
            let (part, overflow) = number.multipliedReportingOverflow(by: Self.units[rank].milliseconds)
            guard !overflow else { return nil }
            total += part
        }
        milliseconds = total
    }

    /// The shortest Prometheus spelling, such as `1h30m` or `0s`.
    public var description: String {
        if milliseconds == 0 { return "0s" }
        var rest = milliseconds
        var out = milliseconds < 0 ? "-" : ""
        rest = abs(rest)
        for unit in Self.units where rest >= unit.milliseconds {
            out += "\(rest / unit.milliseconds)\(unit.suffix)"
            rest %= unit.milliseconds
        }
        return out
    }
}
