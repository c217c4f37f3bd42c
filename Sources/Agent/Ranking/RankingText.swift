/// The ranking's reasons, in the words people read on the dashboard and in `backlog top`.
public enum RankingText {
    public static func reason(
        entity: String, node: String, queued: Double, growth: Double, threshold: Double, overSeconds: Double?, etaSeconds: Double?
    ) -> String {
        var parts = ["\(count(queued)) queued"]
        if abs(growth) >= 0.5 {
            parts.append("\(growth > 0 ? "+" : "−")\(count(abs(growth)))/s")
        } else {
            parts.append("steady")
        }
        if let overSeconds {
            parts.append("over \(count(threshold)) for \(duration(overSeconds))")
        } else if let etaSeconds {
            parts.append("reaches \(count(threshold)) in ~\(duration(etaSeconds))")
        }
        return "\(entity) on \(node): " + parts.joined(separator: ", ")
    }

    /// 48,210: whole numbers with thousands separators.
    public static func count(_ value: Double) -> String {
        let whole = Int64(value.rounded())
        let digits = String(abs(whole))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (whole < 0 ? "-" : "") + out
    }

    /// 45s, 2m, 1h5m: the two largest units.
    public static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        if total < 60 { return "\(total)s" }
        if total < 3600 { return total % 60 == 0 || total >= 600 ? "\(total / 60)m" : "\(total / 60)m\(total % 60)s" }
        let hours = total / 3600
        let minutes = (total % 3600) / 60
        return minutes == 0 ? "\(hours)h" : "\(hours)h\(minutes)m"
    }
}
