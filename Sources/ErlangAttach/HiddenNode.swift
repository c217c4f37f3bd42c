import Foundation

/// A short-lived hidden Erlang node (`erl -hidden`) that runs `AttachModule` against a target.
///
/// The cookie never reaches a command line or a log: it is copied into a private home folder
/// (mode 0400, as `erl` demands), and the node reads it from there.
struct HiddenNode {
    /// The scratch folder: home, request, beams.
    let folder: String

    /// What the module printed, `key → value`.
    typealias Facts = [String: String]

    /// Runs `action` against `node`, shipping `beam` when starting.
    func run(_ action: AttachAction, node: ErlangNodeName, beam: String?, options: ExporterOptions) throws(AttachError) -> Facts {
        var request = "#{node => '\(node)', action => \(action.rawValue), options => \(options.erlangMap)"
        if let beam { request += ", beam => \"\(beam)\"" }
        request += "}.\n"
        do { try request.write(toFile: folder + "/request.eterm", atomically: true, encoding: .utf8) } catch {
            throw .hiddenNodeFailed(output: "cannot write \(folder)/request.eterm: \(error)")
        }
        let ownName = "backlog_attach_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = folder + "/home"
        let output: ToolOutput
        do {
            output = try ToolOutput.run(
                "erl",
                ["-hidden", node.nameFlag, node.usesLongNames && isAddress(node.host) ? "\(ownName)@\(node.host)" : ownName,
                 "-noshell", "-noinput", "-pa", folder, "-connect_all", "false", "-kernel", "net_setuptime", "5",
                 "-s", AttachModule.name, "main"],
                in: folder, environment: environment)
        } catch {
            throw .erlMissing
        }
        if output.status == 127 { throw .erlMissing }
        var facts: Facts = [:]
        for line in output.text.split(separator: "\n") {
            guard let tab = line.firstIndex(of: "\t") else { continue }
            facts[String(line[..<tab])] = String(line[line.index(after: tab)...])
        }
        if let crash = facts["crash"] { throw .hiddenNodeFailed(output: crash) }
        guard facts["local_otp"] != nil else { throw .hiddenNodeFailed(output: output.text.isEmpty ? "it printed nothing" : output.text) }
        return facts
    }

    /// A long-names node at an IP address is reached by a node named at the same kind of address.
    private func isAddress(_ host: String) -> Bool { host.allSatisfy { $0.isNumber || $0 == "." } }

    /// Makes the scratch folder: the control module compiled, the cookie in a private home.
    static func prepare(in folder: String, cookieFile: String) throws(AttachError) -> HiddenNode {
        let cookie: String
        do {
            cookie = try String(contentsOfFile: cookieFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw .cookieUnreadable(path: cookieFile, reason: FileManager.default.fileExists(atPath: cookieFile) ? "not readable" : "no such file")
        }
        guard !cookie.isEmpty else { throw .cookieUnreadable(path: cookieFile, reason: "it is empty") }
        let home = folder + "/home"
        do {
            try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let file = home + "/.erlang.cookie"
            guard FileManager.default.createFile(atPath: file, contents: Data(cookie.utf8), attributes: [.posixPermissions: 0o400]) else {
                throw AttachError.hiddenNodeFailed(output: "cannot write a cookie file in \(home)")
            }
            try AttachModule.source.write(toFile: folder + "/\(AttachModule.name).erl", atomically: true, encoding: .utf8)
        } catch let error as AttachError {
            throw error
        } catch {
            throw .hiddenNodeFailed(output: "cannot prepare \(folder): \(error)")
        }
        try Erlc.compile(folder + "/\(AttachModule.name).erl", into: folder)
        return HiddenNode(folder: folder)
    }
}
