/// A complete HTTP response, with how long it took.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var contentType: String?
    /// The body after decompression.
    public var body: [UInt8]
    /// Seconds from the start of the request to the last byte.
    public var duration: Double

    public init(status: Int, contentType: String?, body: [UInt8], duration: Double) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.duration = duration
    }
}
