/// The ranking's reasons, in the words people read on the dashboard and in `backlog top`.
public enum RankingText {
    /// Growth slower than this, either way, reads as "steady" (and counts as neither growing nor
    /// draining in the ranking's order).
    public static let steadyBelow = 0.5

    /// "chat_router on chat3@host: 6,329 queued, +150/s, reaches 10,000 in ~24s": the queue, its
    /// growth, and where it stands against the threshold in the outlook's words. In the third tier,
    /// which is ordered by the minute's peak, a peak above the queue is named too ("peak 612 in the
    /// last minute"), so an emptied mailbox ranked above a fuller one says why. A verdict follows
    /// a dash: "— stuck in gen:do_call/4 for 1m40s".
    public static func reason(
        entity: String, node: String, queued: Double, peak: Double, growth: Double, threshold: Double,
        outlook: RankedBacklog.Outlook, verdict: BacklogVerdict? = nil
    ) -> String {
        var parts = ["\(count(queued)) queued"]
        if abs(growth) >= steadyBelow {
            parts.append("\(growth > 0 ? "+" : "−")\(count(abs(growth)))/s")
        } else {
            parts.append("steady")
        }
        if outlook != .steady { parts.append(status(outlook, threshold: threshold)) }
        if outlook.isThirdTier, peak.rounded() > queued.rounded() { parts.append("peak \(count(peak)) in the last minute") }
        let text = "\(entity) on \(node): " + parts.joined(separator: ", ")
        guard let verdict else { return text }
        return text + " — " + self.verdict(verdict)
    }

    /// "stuck in gen:do_call/4 for 1m40s", "slow in chat_router:handle_info/2 at 312,000
    /// reductions/s for 45s"; "for at least 2m" when it held over every reading held.
    public static func verdict(_ verdict: BacklogVerdict) -> String {
        var text = verdict.kind == .stuck ? "stuck" : "slow"
        if !verdict.currentFunction.isEmpty { text += " in \(verdict.currentFunction)" }
        if verdict.kind == .slow { text += " at \(count(verdict.reductionsPerSecond)) reductions/s" }
        guard verdict.seconds >= 1 else { return text }
        return text + " for \(verdict.heldThroughout ? "at least " : "")\(duration(verdict.seconds))"
    }

    /// Where a process stands against its threshold, in a few words: "over 10,000 for 2m",
    /// "reaches 10,000 in ~24s", "draining", "steady", … (`backlog top`'s STATUS column).
    public static func status(_ outlook: RankedBacklog.Outlook, threshold: Double) -> String {
        switch outlook {
        case .over(let seconds): "over \(count(threshold)) for \(duration(seconds))"
        case .approaching(let seconds): "reaches \(count(threshold)) in ~\(duration(seconds))"
        case .draining: "draining"
        case .steady: "steady"
        case .belowFloor(let floor): "under \(count(floor)), too small to extrapolate"
        case .noisy: "no clear trend"
        case .beyondHorizon(let seconds): "reaches \(count(threshold)) only in ~\(duration(seconds))"
        }
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
