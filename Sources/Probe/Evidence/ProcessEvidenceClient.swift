import Foundation
public import TimeSeries

/// Fetches one process's evidence from a node's exporter (`GET /process?pid=…|name=…`) over
/// the libcurl transport the scrapes use: the JSON body (`fetch`), or decoded (`evidence`).
public struct ProcessEvidenceClient: Sendable {
    private let transport: CurlTransport
    public var timeout: PromDuration

    public init(transport: CurlTransport = CurlTransport(), timeout: PromDuration = .seconds(10)) {
        self.transport = transport
        self.timeout = timeout
    }

    /// The `/process` URL on the node a command-line target names: `host:port` means
    /// `http://host:port`; a URL keeps its scheme and authority, whatever its path.
    public static func url(target: String, process: ProcessSelector) -> String {
        let base = ScrapeTarget(commandLineURL: target).url
        let parts = base.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        let origin = parts.prefix(3).joined(separator: "/")
        return "\(origin)/process?\(process.query)"
    }

    /// The body of a 200 answer, or why there is none.
    public func fetch(target: String, process: ProcessSelector) -> Result<[UInt8], EvidenceFetchError> {
        let request = HTTPRequestSpec(
            url: Self.url(target: target, process: process), headers: [("Accept", "application/json")],
            connectTimeout: timeout, timeout: timeout, maxBodyBytes: 1 << 20)
        switch transport.perform([request])[0] {
        case .failure(let error):
            return .failure(.unreachable(target: target, error))
        case .success(let response):
            return Self.interpret(response, target: target, process: process)
        }
    }

    static func interpret(_ response: HTTPResponse, target: String, process: ProcessSelector) -> Result<[UInt8], EvidenceFetchError> {
        if response.status == 200 { return .success(response.body) }
        // The exporter's refusals are JSON (`{"error":"..."}`); anything else is not its /process.
        let nodeSays = EvidenceErrorBody.message(response.body)
        switch (response.status, nodeSays) {
        case (404, let message?): return .failure(.noProcess(target: target, process: process, nodeSays: message))
        case (404, nil): return .failure(.noEndpoint(target: target))
        case (400, let message?), (403, let message?): return .failure(.refused(target: target, status: response.status, nodeSays: message))
        default:
            let text = String(decoding: response.body.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return .failure(.unexpected(target: target, status: response.status, body: text))
        }
    }
}
