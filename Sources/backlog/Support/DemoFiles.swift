import Agent
import Foundation

/// Where the demo finds the shipped rules and writes its own config.
enum DemoFiles {
    /// The shipped rule files (not their tests), from `folder`, `./rules`, or the package's `rules/`.
    static func ruleFiles(in folder: String?) throws -> [String] {
        let candidates = folder.map { [$0] } ?? ["rules", packageRoot() + "/rules"]
        for candidate in candidates {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: candidate))?
                .filter { $0.hasSuffix(".yml") && !$0.hasSuffix(".test.yml") }.sorted() ?? []
            if !files.isEmpty {
                let absolute = candidate.hasPrefix("/") ? candidate : FileManager.default.currentDirectoryPath + "/" + candidate
                return files.map { "\(absolute)/\($0)" }
            }
        }
        throw CommandFailure("no rule files found in \(candidates.joined(separator: " or ")) — run from the repository, or pass --rules FOLDER")
    }

    /// The repository the binary was built in: `.build/<triple>/debug/backlog` sits four levels down.
    static func packageRoot() -> String {
        var url = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }

    static func writeConfig(in directory: String, targets: [String], ruleFiles: [String], webhook: String) throws -> AgentConfig {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = "\(directory)/backlog.yml"
        let text = """
            interval: 1s
            targets:
              - job: chat
                targets: [\(targets.map { "\"\($0)\"" }.joined(separator: ", "))]
            rule_files: [\(ruleFiles.map { "\"\($0)\"" }.joined(separator: ", "))]
            receivers:
              - name: demo
                webhook: {url: "\(webhook)"}
            history: {path: demo.db, retention: 1h}
            listen: 127.0.0.1:0
            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        do { return try AgentConfig.load(path: path) } catch { throw CommandFailure(error.description) }
    }

    static func clock() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        return formatter.string(from: Date())
    }
}
