/// Which names Prometheus accepts for labels and metrics (the classic character set).
enum NameRules {
    /// `[a-zA-Z_][a-zA-Z0-9_]*`
    static func isValidLabelName(_ name: String) -> Bool {
        valid(name) { $0 == UInt8(ascii: "_") || isLetter($0) }
    }

    /// `[a-zA-Z_:][a-zA-Z0-9_:]*`
    static func isValidMetricName(_ name: String) -> Bool {
        valid(name) { $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ":") || isLetter($0) }
    }

    private static func valid(_ name: String, allowed: (UInt8) -> Bool) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, allowed(first) else { return false }
        return bytes.dropFirst().allSatisfy { allowed($0) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    private static func isLetter(_ byte: UInt8) -> Bool { byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A }
}
