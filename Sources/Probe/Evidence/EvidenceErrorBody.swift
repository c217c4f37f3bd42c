import Foundation

/// The exporter's JSON error body, `{"error":"..."}`.
enum EvidenceErrorBody {
    /// The message, or nil when the body is not such an object.
    static func message(_ body: [UInt8]) -> String? {
        guard let object = try? JSONDecoder().decode([String: String].self, from: Data(body)) else { return nil }
        return object["error"]
    }
}
