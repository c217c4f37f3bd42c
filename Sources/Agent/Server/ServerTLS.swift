import NIOSSL

/// The TLS context the agent serves with, from `web.tls_server_config`.
enum ServerTLS {
    /// Why a TLS setup could not be used, naming the file, and what to do.
    struct Failure: Error {
        var reason: String
        var hint: String
    }

    static func context(_ setup: WebConfig.TLS) throws(Failure) -> NIOSSLContext {
        let certificates: [NIOSSLCertificate]
        do { certificates = try NIOSSLCertificate.fromPEMFile(setup.certFile) } catch {
            throw Failure(
                reason: "the TLS certificate \(setup.certFile) cannot be read (\(error))",
                hint: "set web.tls_server_config.cert_file to a PEM certificate (chain)")
        }
        guard !certificates.isEmpty else {
            throw Failure(
                reason: "the TLS certificate \(setup.certFile) holds no certificate",
                hint: "set web.tls_server_config.cert_file to a PEM certificate (chain)")
        }
        let key: NIOSSLPrivateKey
        do { key = try NIOSSLPrivateKey(file: setup.keyFile, format: .pem) } catch {
            throw Failure(
                reason: "the TLS key \(setup.keyFile) cannot be read (\(error))",
                hint: "set web.tls_server_config.key_file to the certificate's unencrypted PEM private key")
        }
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: certificates.map { .certificate($0) }, privateKey: .privateKey(key))
        do { return try NIOSSLContext(configuration: configuration) } catch {
            throw Failure(
                reason: "the TLS certificate \(setup.certFile) and key \(setup.keyFile) do not work together (\(error))",
                hint: "check that key_file is the private key of cert_file")
        }
    }
}
