import Query
import Probe
import TimeSeries

/// Which backlog series `history` shows, as a PromQL selector built from the user's filters.
struct BacklogSelection {
    var expression: String
    var describe: String
    /// Node names by instance, from `erlang_node_info`, for legends people recognise.
    var nodes: [String: String]

    init(metric: String, node: String?, process: String?, nodes: [String: String]) throws {
        self.nodes = nodes
        var matchers: [String] = []
        var parts: [String] = []
        if let process {
            let isPid = process.hasPrefix("<") || process.allSatisfy { $0.isNumber || $0 == "." }
            let pid = process.hasPrefix("<") ? process : "<\(process)>"
            matchers.append(isPid ? "pid=\(Self.quote(pid))" : "name=\(Self.quote(process))")
            parts.append("process \(process)")
        }
        if let node {
            let instances = nodes.filter { $0.value == node }.map(\.key).sorted()
            if !instances.isEmpty {
                matchers.append("instance=~\(Self.quote(instances.map(Self.regexEscape).joined(separator: "|")))")
            } else if node.contains("@") {
                let known = Set(nodes.values).sorted().prefix(10).joined(separator: ", ")
                throw CommandFailure("no node named \(node) in the history\(known.isEmpty ? "" : " (known: \(known))")")
            } else {
                matchers.append("instance=~\(Self.quote(Self.regexEscape(node) + "(:[0-9]+)?"))")
            }
            parts.append("node \(node)")
        }
        expression = matchers.isEmpty ? metric : "\(metric){\(matchers.joined(separator: ","))}"
        describe = parts.isEmpty ? "all processes" : parts.joined(separator: ", ")
    }

    /// `instance → node` from `erlang_node_info` in the window.
    static func nodeNames(engine: QueryEngine, start: Timestamp, end: Timestamp) throws -> [String: String] {
        let window = PromDuration(milliseconds: max(1000, end.milliseconds - start.milliseconds))
        guard case .vector(let samples) = try? engine.instant("last_over_time(\(ExporterMetric.nodeInfo)[\(window)])", at: end)
        else { return [:] }
        var names: [String: String] = [:]
        for sample in samples {
            if let instance = sample.labels["instance"], let node = sample.labels["node"] { names[instance] = node }
        }
        return names
    }

    /// The series whose highest value in the window is largest, highest first.
    static func highestPeaks(_ series: [RangeSeries], limit: Int) -> [RangeSeries] {
        let peaks = series.map { one in (one, one.points.map(\.v).filter { !$0.isNaN }.max() ?? -.infinity) }
        return peaks.sorted { $0.1 > $1.1 }.prefix(limit).map(\.0)
    }

    /// Short legend labels: the process (name, else pid) and its node.
    func legendLabels(_ labels: Labels) -> Labels {
        var legend: [Label] = []
        let process = labels["name"] ?? labels["pid"] ?? labels.name
        legend.append(Label("process", process))
        if let instance = labels["instance"] { legend.append(Label("node", nodes[instance] ?? instance)) }
        if labels["name"] != nil, let pid = labels["pid"] { legend.append(Label("pid", pid)) }
        return Labels(legend)
    }

    static func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func regexEscape(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\.+*?()|[]{}^$".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
