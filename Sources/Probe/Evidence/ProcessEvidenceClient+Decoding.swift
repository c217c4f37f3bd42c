public import Evidence

/// A process's evidence as its node gave it: decoded, with the body it came in (what the
/// history keeps).
public struct FetchedEvidence: Sendable {
    public var evidence: ProcessEvidence
    public var body: [UInt8]
}

/// Why a node gave no evidence: no usable answer, or an answer that is not process evidence.
public enum EvidenceProblem: Error, Sendable, CustomStringConvertible {
    case fetch(EvidenceFetchError)
    case malformed(target: String, EvidenceDecodingError)

    public var description: String {
        switch self {
        case .fetch(let error): error.description
        case .malformed(let target, let error): "\(target): \(error.description)"
        }
    }
}

extension ProcessEvidenceClient {
    /// Fetches and decodes one process's evidence: the one way `inspect`, `top`, the agent's
    /// alerts and the dashboard ask a node.
    public func evidence(target: String, process: ProcessSelector) -> Result<FetchedEvidence, EvidenceProblem> {
        switch fetch(target: target, process: process) {
        case .failure(let error):
            return .failure(.fetch(error))
        case .success(let body):
            do throws(EvidenceDecodingError) {
                return .success(FetchedEvidence(evidence: try ProcessEvidence.decode(body), body: body))
            } catch {
                return .failure(.malformed(target: target, error))
            }
        }
    }
}
