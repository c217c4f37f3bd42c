public import ConfigFile
import Foundation

/// Reads secrets named in backlog.yml (`*_file`, `*_env`), so keys and tokens never sit in the
/// config itself. Relative file paths are taken from the config's folder.
public struct SecretReader: Sendable {
    public var directory: String
    public var environment: [String: String]

    /// Reads files relative to `directory` and variables from `environment` (the process's when nil).
    public init(directory: String, environment: [String: String]? = nil) {
        self.directory = directory
        self.environment = environment ?? ProcessInfo.processInfo.environment
    }

    /// The secret from `<prefix>_file` or `<prefix>_env` in `map` (at most one of them), or nil
    /// when neither is there. A file's trailing newline is dropped.
    public func read(_ map: YAMLMapping, prefix: String, context: String) throws(ConfigError) -> SecretText? {
        try read(map, fileKey: "\(prefix)_file", envKey: "\(prefix)_env", context: context)
    }

    /// The secret from `fileKey` or `envKey` in `map` (at most one of them), or nil.
    public func read(_ map: YAMLMapping, fileKey: String, envKey: String, context: String) throws(ConfigError) -> SecretText? {
        let fileNode = map[fileKey]
        let envNode = map[envKey]
        if let fileNode, envNode != nil {
            throw fileNode.error("\(context): give \(fileKey) or \(envKey), not both")
        }
        if let fileNode {
            let path = ConfigPaths.resolve(try fileNode.string(context: "\(context).\(fileKey)"), in: directory)
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw fileNode.error("\(context).\(fileKey): cannot read \(path)")
            }
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if value.isEmpty { throw fileNode.error("\(context).\(fileKey): \(path) is empty") }
            return SecretText(value)
        }
        if let envNode {
            let name = try envNode.string(context: "\(context).\(envKey)")
            guard let value = environment[name], !value.isEmpty else {
                throw envNode.error("\(context).\(envKey): the environment variable \(name) is not set")
            }
            return SecretText(value)
        }
        return nil
    }
}
