import Foundation
import TestSupport

/// The exporter's `/process` answer, as far as the tests read it.
struct ProcessEvidence: Decodable {
    struct Frame: Decodable {
        var module: String
        var function: String
        var arity: Int
        var file: String?
        var line: Int?
    }

    var pid: String
    var registeredName: String?
    var status: String
    var messageQueueLen: Int
    var reductions: Int
    var reductionsPerSecond: Double?
    var reductionsPerSecondOver: String?
    var currentFunction: String?
    var initialCall: String?
    var ancestors: [String]
    var currentStacktrace: [Frame]
    var links: Int
    var monitors: Int
    var trapExit: Bool
    var priority: String
    var messageQueueData: String
    var totalHeapSize: Int?
    var memory: Int?
    var omitted: [String]?

    /// GET `/process?QUERY` on a fresh connection: the status, and the body decoded as
    /// evidence on 200 or as the error message otherwise.
    static func fetch(port: Int, query: String) throws -> (status: Int, evidence: ProcessEvidence?, error: String?) {
        let response = try LoopbackConnection.get(port: port, path: "/process?" + query)
        let body = Data(response.body)
        guard response.status == 200 else {
            let error = try JSONDecoder().decode([String: String].self, from: body)["error"]
            return (response.status, nil, error)
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return (response.status, try decoder.decode(ProcessEvidence.self, from: body), nil)
    }
}
