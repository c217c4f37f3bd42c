import ConfigFile
import Foundation

/// All the rule groups the engine runs, from one or more files.
public struct RuleSet: Sendable {
    public var files: [RuleFile]

    public init(files: [RuleFile]) { self.files = files }

    /// Groups given directly, as tests and built-in rules do.
    public init(groups: [RuleGroup]) {
        files = [RuleFile(path: groups.first?.file ?? "", groups: groups)]
    }

    public static let empty = RuleSet(files: [])

    /// Every group, in file order.
    public var groups: [RuleGroup] { files.flatMap(\.groups) }

    /// Reads every file that the paths name (a path may be a glob such as `rules/*.yml`), and
    /// reports every error in every file; nothing is loaded unless all files are valid.
    public static func load(paths: [String]) throws(RuleFileErrors) -> RuleSet {
        var files: [RuleFile] = []
        var errors: [ConfigError] = []
        for path in RuleSet.expand(paths) {
            do {
                files.append(try RuleFileParser.load(path: path))
            } catch {
                errors += error.errors
            }
        }
        guard errors.isEmpty else { throw RuleFileErrors(errors) }
        return RuleSet(files: files)
    }

    /// Paths with globs expanded (sorted within each pattern). A plain path stays as it is, so
    /// a missing file is reported; a glob that matches nothing adds nothing, as in Prometheus.
    public static func expand(_ patterns: [String]) -> [String] {
        var out: [String] = []
        for pattern in patterns {
            guard pattern.contains(where: { "*?[".contains($0) }) else {
                out.append(pattern)
                continue
            }
            var matches = glob_t()
            defer { globfree(&matches) }
            guard glob(pattern, 0, nil, &matches) == 0 else { continue }
            for index in 0..<Int(matches.gl_pathc) {
                if let path = matches.gl_pathv[index] { out.append(String(cString: path)) }
            }
        }
        return out
    }
}
