/// One request a `LoopbackHTTPServer` received, as the test will want to check it.
public struct LoopbackRequest: Sendable {
    public var method: String
    /// The request target as sent, such as `/metrics?x=1`.
    public var path: String
    public var headers: [(String, String)]
    public var body: [UInt8]
    /// Which accepted connection (1, 2, …) carried this request.
    public var connectionNumber: Int

    public init(method: String, path: String, headers: [(String, String)], body: [UInt8], connectionNumber: Int) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.connectionNumber = connectionNumber
    }

    /// The first value of the header with this name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.0.lowercased() == wanted }?.1
    }
}
