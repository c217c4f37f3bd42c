/// A credential or a URL that carries one, read from a file or the environment; it never
/// prints itself, so it cannot leak into a log line or an error by accident.
public struct SecretText: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public let value: String

    public init(_ value: String) { self.value = value }

    public var description: String { "<secret>" }
    public var debugDescription: String { "<secret>" }
}
