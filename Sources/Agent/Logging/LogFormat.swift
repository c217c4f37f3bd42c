/// How the agent writes its log lines.
public enum LogFormat: String, Sendable, CaseIterable {
    /// `ts=… level=info msg="…" key=value`, easy to read and to grep.
    case logfmt
    /// One JSON object per line, for log shippers.
    case json
}
