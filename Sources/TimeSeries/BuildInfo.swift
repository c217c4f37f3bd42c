/// What this build of Backlog is, defined once for every place that reports it: the command
/// line's `--version` and the agent's build-information endpoint.
public enum BuildInfo {
    /// The release this build belongs to, in semantic-versioning form; `-dev` marks a build
    /// made between releases.
    public static let version = "0.2.0-dev"

    /// The program's name, as it introduces itself in version lines and user agents.
    public static let name = "backlog"

    /// `backlog 0.2.0-dev`: the name and the version, as `--version` prints them.
    public static var versionLine: String { "\(name) \(version)" }
}
