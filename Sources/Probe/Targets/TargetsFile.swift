public import ConfigFile
import Foundation
public import TimeSeries

/// A Prometheus file_sd-style list of target groups: `[{targets: ["h:p"], labels: {…}}]`, in YAML or JSON.
public struct TargetsFile: Sendable {
    public struct Entry: Sendable, Hashable {
        public var endpoints: [String]
        public var labels: Labels
    }

    public var entries: [Entry]

    /// Reads and checks a targets file.
    public static func load(path: String) throws(ConfigError) -> TargetsFile {
        let root = try YAMLNode.load(path: path)
        var entries: [Entry] = []
        for node in try root.sequence(context: "a targets file") {
            let map = try node.mapping(allowedKeys: ["targets", "labels"], context: "a targets file entry")
            var endpoints: [String] = []
            for item in try map["targets"]?.sequence(context: "targets") ?? [] {
                let endpoint = try item.string(context: "a target")
                try TargetGroup.checkEndpoint(endpoint, node: item)
                endpoints.append(endpoint)
            }
            var labels: [Label] = []
            for entry in try map["labels"]?.stringMap(context: "labels") ?? [] {
                try TargetGroup.checkLabelName(entry.key, node: entry.node)
                labels.append(Label(entry.key, entry.value))
            }
            entries.append(Entry(endpoints: endpoints, labels: Labels(labels)))
        }
        return TargetsFile(entries: entries)
    }
}
