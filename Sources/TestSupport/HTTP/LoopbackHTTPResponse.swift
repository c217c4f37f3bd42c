/// One HTTP/1.1 response read by `LoopbackConnection`.
public struct LoopbackHTTPResponse: Sendable {
    public var status: Int
    /// Header fields by lowercased name (the last one wins when a name repeats).
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The value of a header field, by name in any case.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }
}
