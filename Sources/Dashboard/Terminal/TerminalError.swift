/// Why the terminal could not be set up, read or written.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The descriptor is not a terminal (output piped or redirected): print plain text instead.
    case notATerminal(fileDescriptor: Int32)
    /// Another session already owns the terminal; there is one screen to restore.
    case sessionAlreadyActive
    /// A system call failed with `errno`.
    case systemCall(name: String, errno: Int32)

    public var description: String {
        switch self {
        case .notATerminal(let descriptor): "file descriptor \(descriptor) is not a terminal"
        case .sessionAlreadyActive: "a terminal session is already active"
        case .systemCall(let name, let code): "\(name) failed (errno \(code))"
        }
    }
}
