import ConfigFile

/// A host and port to listen on; loopback unless configured otherwise.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public static let `default` = ListenAddress(host: "127.0.0.1", port: 9300)

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    init(_ node: YAMLNode) throws(ConfigError) {
        let text = try node.string(context: "listen")
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65535).contains(port), colon != text.startIndex
        else { throw node.error("listen must be host:port, such as 127.0.0.1:9300") }
        self.init(host: String(text[..<colon]), port: port)
    }

    public var description: String { "\(host):\(port)" }
}
