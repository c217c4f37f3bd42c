import Alerting
import Dashboard
import Foundation
import Evidence
import TimeSeries

/// `inspect`'s text: the verdict on one line, then the evidence behind it, readable at a glance.
enum InspectText {
    /// Frames shown; the exporter sends at most 16.
    static let shownFrames = 8

    static func render(_ report: InspectReport, width: Int, color: Bool) -> String {
        let evidence = report.evidence
        var lines = report.stored.map { [storedLine($0)] } ?? []
        lines.append(headline(report))
        lines.append(row("why", report.verdict.reason))
        var status = [evidence.status]
        if let priority = evidence.priority, priority != "normal" { status.append("priority \(priority)") }
        if evidence.trapExit == true { status.append("traps exits") }
        if let data = evidence.messageQueueData, data != "on_heap" { status.append("message_queue_data \(data)") }
        lines.append(row("status", status.joined(separator: ", ")))
        if let initialCall = evidence.initialCall { lines.append(row("started", initialCall)) }
        lines += stack(evidence)
        lines += queue(report, width: width, color: color)
        lines.append(row("work", work(evidence)))
        if let memory = memory(evidence) { lines.append(row("memory", memory)) }
        lines.append(row("links", relations(evidence)))
        return lines.joined(separator: "\n") + "\n"
    }

    /// `chat_router <0.212.0> on chat3: stuck — waiting in gen:do_call/4, 6,329 queued, +150/s, 3 reductions/s`
    static func headline(_ report: InspectReport) -> String {
        let evidence = report.evidence
        var facts = [evidence.whereNow.map { "\(evidence.status) in \($0)" } ?? evidence.status]
        facts.append("\(HumanFormat.count(evidence.messageQueueLen)) queued")
        if let trend = report.trend { facts.append(HumanFormat.rate(trend.perSecond, grouped: true)) }
        if let rate = evidence.reductionsPerSecond { facts.append("\(reductions(rate)) reductions/s") }
        return "\(evidence.displayName) on \(nodeLabel(report)): \(report.verdict.kind.rawValue) — \(facts.joined(separator: ", "))"
    }

    /// `stored evidence from 2026-12-07T14:03:11.250Z (alert HighBacklog, backlog.db) — live: no process …`
    static func storedLine(_ stored: InspectReport.Stored) -> String {
        "stored evidence from \(RFC3339.format(stored.fetchedAt)) (alert \(stored.alert), \(stored.origin)) — live: \(stored.liveError)"
    }

    /// The node's short name (`chat3` of `chat3@host`), else the target.
    static func nodeLabel(_ report: InspectReport) -> String {
        guard let node = report.evidence.node, !node.hasPrefix("nonode@") else { return report.target }
        return String(node.prefix { $0 != "@" })
    }

    private static func stack(_ evidence: ProcessEvidence) -> [String] {
        let frames = evidence.currentStacktrace
        guard !frames.isEmpty else { return [row("stack", evidence.currentFunction ?? "(not given)")] }
        var lines = frames.prefix(shownFrames).enumerated().map { row($0.offset == 0 ? "stack" : "", $0.element.description) }
        if frames.count > shownFrames { lines.append(row("", "… \(frames.count - shownFrames) more")) }
        return lines
    }

    private static func queue(_ report: InspectReport, width: Int, color: Bool) -> [String] {
        var text = "\(HumanFormat.count(report.evidence.messageQueueLen)) messages"
        if let trend = report.trend {
            let over = trend.basis == .history ? "over the last minute of history" : "between two readings \(seconds(trend.seconds)) apart"
            text += ", \(HumanFormat.rate(trend.perSecond, grouped: true)) \(over)"
        } else if report.stored != nil {
            text += " when fetched"
        } else {
            text += ", trend unknown"
        }
        var lines = [row("queue", text)]
        if let history = report.history, history.points.count > 1 {
            let values = history.points.map(\.value)
            let glyphs = color ? Symbols.unicode.sparkline : Symbols.ascii.sparkline
            let chartWidth = max(10, min(60, width - 40))
            let line = Sparkline(values: values, scale: .shownMaximum, glyphs: glyphs).text(width: chartWidth)
            let first = history.points.first!.time
            let last = history.points.last!.time
            let span = seconds(Double(last.milliseconds - first.milliseconds) / 1000)
            let peak = HumanFormat.count(Int(values.filter(\.isFinite).max() ?? 0))
            lines.append(row("", "\(line)  last \(span), peak \(peak) (\(history.origin))"))
        }
        return lines
    }

    private static func work(_ evidence: ProcessEvidence) -> String {
        guard let rate = evidence.reductionsPerSecond else { return "reductions rate not given" }
        var text = "\(reductions(rate)) reductions/s"
        switch evidence.reductionsPerSecondOver {
        case "last_scan"?: text += " since the exporter's last scan"
        case let window?: text += " over \(window)"
        case nil: break
        }
        if let total = evidence.reductions { text += ", \(HumanFormat.count(total)) in all" }
        return text
    }

    private static func memory(_ evidence: ProcessEvidence) -> String? {
        var parts: [String] = []
        if let heap = evidence.heapSize { parts.append("heap \(HumanFormat.count(heap)) words") }
        if let stack = evidence.stackSize { parts.append("stack \(HumanFormat.count(stack)) words") }
        if let total = evidence.totalHeapSize { parts.append("total heap \(HumanFormat.count(total)) words") }
        if let bytes = evidence.memory { parts.append(HumanFormat.bytes(Double(bytes))) }
        if evidence.omitted != nil { parts.append("total heap and memory not read (the queue is too long to walk)") }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    private static func relations(_ evidence: ProcessEvidence) -> String {
        var parts: [String] = []
        if let links = evidence.links { parts.append(links == 1 ? "1 link" : "\(links) links") }
        if let monitors = evidence.monitors { parts.append(monitors == 1 ? "1 monitor" : "\(monitors) monitors") }
        if !evidence.ancestors.isEmpty { parts.append("ancestors " + evidence.ancestors.joined(separator: ", ")) }
        return parts.isEmpty ? "not given" : parts.joined(separator: ", ")
    }

    /// `3`, `0.5`, `412k`.
    static func reductions(_ rate: Double) -> String {
        rate < 10 && rate != rate.rounded() ? String((rate * 10).rounded() / 10) : HumanFormat.compact(rate.rounded())
    }

    private static func seconds(_ value: Double) -> String {
        value >= 1 ? HumanFormat.duration(seconds: value.rounded()) : HumanFormat.milliseconds(value * 1000)
    }

    private static func row(_ label: String, _ text: String) -> String {
        "  " + label.padding(toLength: 8, withPad: " ", startingAt: 0) + text
    }
}
