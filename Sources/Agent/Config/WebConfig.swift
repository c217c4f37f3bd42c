public import ConfigFile
import Foundation

/// The `web:` section of backlog.yml, in the shape of Prometheus's web config file: who may
/// read the agent's endpoints (`basic_auth_users`, bcrypt hashes) and the certificate it serves
/// them with (`tls_server_config`). Without it the agent answers anyone on its `listen:` address
/// over plain HTTP, which is why that address defaults to loopback.
public struct WebConfig: Sendable, Equatable {
    /// The certificate and key files the agent serves TLS with.
    public struct TLS: Sendable, Equatable {
        public var certFile: String
        public var keyFile: String

        public init(certFile: String, keyFile: String) {
            self.certFile = certFile
            self.keyFile = keyFile
        }
    }

    /// User name to bcrypt hash (`$2a$`, `$2b$` or `$2y$`); empty means no authentication.
    public var basicAuthUsers: [String: String]
    public var tls: TLS?

    public init(basicAuthUsers: [String: String] = [:], tls: TLS? = nil) {
        self.basicAuthUsers = basicAuthUsers
        self.tls = tls
    }

    /// Reads and checks the section; relative file paths are taken from the config's folder.
    public init(_ node: YAMLNode, directory: String) throws(ConfigError) {
        let map = try node.mapping(allowedKeys: ["basic_auth_users", "tls_server_config"], context: "web")
        var users: [String: String] = [:]
        for (name, hash, at) in try map["basic_auth_users"]?.stringMap(context: "web.basic_auth_users") ?? [] {
            guard Self.isBcrypt(hash) else {
                throw at.error(
                    "the password of \"\(name)\" in web.basic_auth_users must be a bcrypt hash ($2b$…, $2a$ or $2y$), "
                        + "such as `htpasswd -nbBC 10 \"\" PASSWORD | tr -d ':\\n'` prints")
            }
            users[name] = hash
        }
        var tls: TLS?
        if let section = map["tls_server_config"] {
            let settings = try section.mapping(allowedKeys: ["cert_file", "key_file"], context: "web.tls_server_config")
            let cert = try settings.required("cert_file", context: "web.tls_server_config")
            let key = try settings.required("key_file", context: "web.tls_server_config")
            let certPath = ConfigPaths.resolve(try cert.string(context: "cert_file"), in: directory)
            let keyPath = ConfigPaths.resolve(try key.string(context: "key_file"), in: directory)
            for (path, at, what) in [(certPath, cert, "certificate"), (keyPath, key, "private key")]
            where !FileManager.default.isReadableFile(atPath: path) {
                let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read (permissions?)" : "does not exist"
                throw at.error("the TLS \(what) file \(path) \(reason) — give the path of a PEM file")
            }
            tls = TLS(certFile: certPath, keyFile: keyPath)
        }
        self.init(basicAuthUsers: users, tls: tls)
    }

    /// Whether the text is shaped like a bcrypt hash: `$2b$10$` and 53 characters of salt and hash.
    static func isBcrypt(_ hash: String) -> Bool {
        let parts = hash.split(separator: "$", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0].isEmpty && ["2a", "2b", "2y"].contains(parts[1]) && parts[2].count == 2
            && Int(parts[2]) != nil && parts[3].count == 53
    }
}
