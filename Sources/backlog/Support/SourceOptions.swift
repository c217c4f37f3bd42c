import ArgumentParser
import Probe
import TimeSeries

/// `--source URL` and how to reach it: the options `top`, `history`, `query` and `watch` share.
///
/// The same auth and TLS settings as targets in backlog.yml; secrets are read from files or the
/// environment when a request is made, never given on the command line.
struct SourceOptions: ParsableArguments {
    /// The options here that take a value, for commands that read their own command line first.
    static let valueOptions: Set<String> = [
        "--source", "--bearer-token-file", "--bearer-token-env", "--basic-auth-user", "--basic-auth-password-file",
        "--basic-auth-password-env", "--ca-file", "--source-timeout",
    ]

    @Option(name: .long, help: "Read from this Prometheus-compatible API (Prometheus, VictoriaMetrics, Thanos, another agent) instead of the history file.")
    var source: String?

    @Option(name: .long, help: "Send the source a bearer token read from this file.")
    var bearerTokenFile: String?

    @Option(name: .long, help: "Send the source a bearer token from this environment variable.")
    var bearerTokenEnv: String?

    @Option(name: .long, help: "Basic auth user for the source (with --basic-auth-password-file or --basic-auth-password-env).")
    var basicAuthUser: String?

    @Option(name: .long, help: "Read the source's basic auth password from this file.")
    var basicAuthPasswordFile: String?

    @Option(name: .long, help: "Read the source's basic auth password from this environment variable.")
    var basicAuthPasswordEnv: String?

    @Option(name: .long, help: "Trust this CA certificate file for an https source.")
    var caFile: String?

    @Flag(name: .long, help: "Do not verify the source's https certificate (only on a network you trust).")
    var insecureSkipVerify = false

    @Option(name: .long, help: "Give up on a request to the source after this long.")
    var sourceTimeout: String = "30s"

    func validate() throws {
        let credentials = [bearerTokenFile != nil, bearerTokenEnv != nil, basicAuthUser != nil].filter { $0 }.count
        if credentials > 1 { throw ValidationError("use one of --bearer-token-file, --bearer-token-env and --basic-auth-user") }
        if basicAuthUser != nil, (basicAuthPasswordFile == nil) == (basicAuthPasswordEnv == nil) {
            throw ValidationError("--basic-auth-user needs one of --basic-auth-password-file and --basic-auth-password-env")
        }
        if basicAuthUser == nil, basicAuthPasswordFile != nil || basicAuthPasswordEnv != nil {
            throw ValidationError("a basic auth password needs --basic-auth-user")
        }
        if (PromDuration(parsing: sourceTimeout)?.milliseconds ?? 0) <= 0 {
            throw ValidationError("--source-timeout \"\(sourceTimeout)\" is not a duration — write it like 10s")
        }
        if source == nil, credentials > 0 || caFile != nil || insecureSkipVerify {
            throw ValidationError("credentials and TLS options apply to --source; give --source URL")
        }
    }

    /// The source as configured, or nil when reading the local history.
    var settings: SourceSettings? {
        guard let source else { return nil }
        var credentials: CredentialSource?
        if let bearerTokenFile { credentials = .bearerTokenFile(bearerTokenFile) }
        if let bearerTokenEnv { credentials = .bearerTokenEnvironment(bearerTokenEnv) }
        if let basicAuthUser {
            credentials = .basic(
                username: basicAuthUser, password: basicAuthPasswordFile.map(SecretSource.file) ?? .environment(basicAuthPasswordEnv ?? ""))
        }
        return SourceSettings(
            url: source, credentials: credentials, tls: TLSOptions(caFile: caFile, insecureSkipVerify: insecureSkipVerify),
            timeout: PromDuration(parsing: sourceTimeout) ?? .seconds(30))
    }
}
