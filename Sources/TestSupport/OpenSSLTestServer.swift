import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A TLS server on 127.0.0.1 run by `openssl s_server -www`, with a fresh self-signed certificate.
///
/// The certificate names `localhost` and `127.0.0.1` and is its own CA, so a client that
/// trusts `certificatePath` verifies it and one that does not fails verification.
public final class OpenSSLTestServer: @unchecked Sendable {
    /// The port `s_server` listens on.
    public let port: Int
    /// The server's certificate in PEM, usable as a CA file.
    public let certificatePath: String
    private let directory: URL
    // Process is not Sendable; it is only touched again by `stop()`, which callers call once.
    private let process: Process

    /// The `openssl` executable on PATH, or nil when there is none.
    public static var executable: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/openssl" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    private init(port: Int, certificatePath: String, directory: URL, process: Process) {
        self.port = port
        self.certificatePath = certificatePath
        self.directory = directory
        self.process = process
    }

    /// Makes a certificate in a new temporary directory and starts `s_server` on an ephemeral port.
    public static func start() throws -> OpenSSLTestServer {
        guard let openssl = executable else { throw OpenSSLTestServerError.opensslMissing }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("backlog-tls-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let certificate = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path

        try run(openssl, [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", key, "-out", certificate, "-days", "2", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ])

        let server = Process()
        server.executableURL = URL(fileURLWithPath: openssl)
        server.arguments = ["s_server", "-accept", "127.0.0.1:0", "-cert", certificate, "-key", key, "-www"]
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        server.standardInput = FileHandle.nullDevice
        try server.run()

        // s_server announces its port on stdout as "ACCEPT 127.0.0.1:<port>".
        var announced = ""
        while !announced.contains("\n") || !announced.contains("ACCEPT") {
            let data = output.fileHandleForReading.availableData
            guard !data.isEmpty else {
                kill(server.processIdentifier, SIGKILL)
                throw OpenSSLTestServerError.didNotStart(announced)
            }
            announced += String(decoding: data, as: UTF8.self)
        }
        guard let line = announced.split(separator: "\n").first(where: { $0.hasPrefix("ACCEPT") }),
              let port = line.split(separator: ":").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) })
        else {
            kill(server.processIdentifier, SIGKILL)
            throw OpenSSLTestServerError.didNotStart(announced)
        }
        return OpenSSLTestServer(port: port, certificatePath: certificate, directory: directory, process: server)
    }

    /// `https://127.0.0.1:<port><path>`.
    public func url(path: String = "/") -> String {
        "https://127.0.0.1:\(port)\(path)"
    }

    /// Ends `s_server` and removes the certificate directory.
    public func stop() {
        // A child started from a Swift concurrency or dispatch thread inherits that thread's
        // blocked signals, SIGTERM among them, so only SIGKILL reliably ends it.
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    private static func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw OpenSSLTestServerError.commandFailed(([executable] + arguments).joined(separator: " "))
        }
    }
}

/// Why an `OpenSSLTestServer` could not start.
public enum OpenSSLTestServerError: Error, Sendable {
    case opensslMissing
    case commandFailed(String)
    case didNotStart(String)
}
