import Foundation

extension Scraper {
    /// Reads the target's secret now, so a rotated token file is picked up on the next cycle.
    func auth(for target: ScrapeTarget) throws(ScrapeError) -> HTTPAuth? {
        switch target.credentials {
        case nil: return nil
        case .bearerTokenFile(let path): return .bearer(try readSecret(.file(path), target: target, what: "bearer_token_file"))
        case .bearerTokenEnvironment(let name):
            return .bearer(try readSecret(.environment(name), target: target, what: "bearer_token_env"))
        case .basic(let username, let password):
            return .basic(username: username, password: try readSecret(password, target: target, what: "basic_auth password"))
        }
    }

    func readSecret(_ source: SecretSource, target: ScrapeTarget, what: String) throws(ScrapeError) -> Secret {
        switch source {
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path),
                let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
                !text.isEmpty
            else {
                throw ScrapeError(
                    kind: .credentials, url: target.url,
                    reason: "cannot read \(what) \(path) — check that the file exists, is readable and is not empty")
            }
            return Secret(text)
        case .environment(let name):
            guard let value = environment[name], !value.isEmpty else {
                throw ScrapeError(
                    kind: .credentials, url: target.url,
                    reason: "\(what): environment variable \(name) is not set or empty")
            }
            return Secret(value)
        }
    }
}
