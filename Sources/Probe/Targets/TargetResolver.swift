import Foundation
public import ConfigFile
import TimeSeries

/// Turns target groups into the endpoints to poll, re-reading targets files when they change.
///
/// A targets file that turns bad is reported once per change and its last good contents stay in use,
/// so one bad edit never stops polling.
public struct TargetResolver: Sendable {
    struct CachedFile: Sendable {
        var modified: Date?
        var size: Int
        var file: TargetsFile
    }

    public private(set) var groups: [TargetGroup]
    var cache: [String: CachedFile] = [:]
    var reportedFailures: [String: String] = [:]

    public init(groups: [TargetGroup]) { self.groups = groups }

    /// Replaces the groups (after a config reload), keeping cached files.
    public mutating func update(groups: [TargetGroup]) { self.groups = groups }

    /// The current targets, plus any problem with a targets file that is new since the last call.
    public mutating func resolve() -> (targets: [ScrapeTarget], problems: [ConfigError]) {
        var targets: [ScrapeTarget] = []
        var problems: [ConfigError] = []
        var seen = Set<String>()
        for group in groups {
            var entries = group.endpointLabels.isEmpty
                ? [TargetsFile.Entry(endpoints: group.endpoints, labels: Labels())]
                : group.endpoints.map { TargetsFile.Entry(endpoints: [$0], labels: group.endpointLabels[$0] ?? Labels()) }
            if let path = group.targetsFile {
                switch refresh(path) {
                case .current(let file): entries += file.entries
                case .failed(let newProblem):
                    if let newProblem { problems.append(newProblem) }
                    entries += cache[path]?.file.entries ?? []
                }
            }
            for entry in entries {
                for endpoint in entry.endpoints {
                    let target = makeTarget(group: group, endpoint: endpoint, extra: entry.labels)
                    if seen.insert(target.url).inserted { targets.append(target) }
                }
            }
        }
        return (targets, problems)
    }

    func makeTarget(group: TargetGroup, endpoint: String, extra: Labels) -> ScrapeTarget {
        var labels = group.labels
        for label in extra { labels.set(label.name, label.value) }
        labels.set("job", group.job)
        labels.set("instance", endpoint)
        return ScrapeTarget(
            job: group.job, instance: endpoint, url: "\(group.scheme)://\(endpoint)\(group.metricsPath)", labels: labels,
            tls: group.tls, credentials: group.credentials, maxBodyBytes: group.maxBodyBytes, limits: group.limits)
    }

    enum Refresh {
        case current(TargetsFile)
        /// The problem, or nil when it was already reported for this version of the file.
        case failed(ConfigError?)
    }

    /// The file's current contents, re-read only when its modification time or size changed.
    mutating func refresh(_ path: String) -> Refresh {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let modified = attributes?[.modificationDate] as? Date
        let size = (attributes?[.size] as? Int) ?? -1
        if let cached = cache[path], cached.modified == modified, cached.size == size, reportedFailures[path] == nil {
            return .current(cached.file)
        }
        do {
            let file = try TargetsFile.load(path: path)
            cache[path] = CachedFile(modified: modified, size: size, file: file)
            reportedFailures[path] = nil
            return .current(file)
        } catch {
            let key = "\(modified?.timeIntervalSince1970 ?? 0)/\(size)/\(error.description)"
            if reportedFailures[path] == key { return .failed(nil) }
            reportedFailures[path] = key
            return .failed(error)
        }
    }
}
