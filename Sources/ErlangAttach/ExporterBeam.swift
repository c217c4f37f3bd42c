import Foundation

/// The exporter beam `backlog attach` ships to a node, and where it came from.
public struct ExporterBeam: Sendable {
    /// The `.beam` file.
    public let path: String
    /// Said to the user: "compiled with erlc from …" or "given with --beam".
    public let origin: String

    /// Where the exporter's source is looked for, nearest first: the repository around a build
    /// (`.build/…/backlog` → `exporters/erlang/src`), then an install's `share/backlog`.
    static func sourceCandidates(executable: URL) -> [String] {
        var candidates: [String] = []
        var folder = executable.resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(folder.appendingPathComponent("exporters/erlang/src/backlog_exporter.erl").path)
            candidates.append(folder.appendingPathComponent("share/backlog/backlog_exporter.erl").path)
            folder.deleteLastPathComponent()
        }
        return candidates
    }

    /// The beam given with `--beam`, or the exporter compiled from its source into `folder`.
    static func prepare(given: String?, into folder: String, executable: URL) throws(AttachError) -> ExporterBeam {
        if let given {
            guard FileManager.default.isReadableFile(atPath: given) else { throw .beamUnreadable(path: given) }
            let copy = folder + "/backlog_exporter.beam"
            do { try FileManager.default.copyItem(atPath: given, toPath: copy) } catch { throw .beamUnreadable(path: given) }
            return ExporterBeam(path: copy, origin: "given with --beam (\(given))")
        }
        let candidates = sourceCandidates(executable: executable)
        guard let source = candidates.first(where: { FileManager.default.isReadableFile(atPath: $0) }) else {
            throw .exporterSourceMissing(searched: Array(candidates.prefix(2)))
        }
        try Erlc.compile(source, into: folder)
        return ExporterBeam(path: folder + "/backlog_exporter.beam", origin: "compiled with erlc from \(source)")
    }
}

/// `erlc`, run to completion.
enum Erlc {
    static func compile(_ source: String, into folder: String) throws(AttachError) {
        let result: ToolOutput
        do { result = try ToolOutput.run("erlc", ["-o", folder, source]) } catch { throw .erlMissing }
        if result.status == 127 { throw .erlMissing }
        guard result.status == 0 else { throw .compileFailed(source: source, output: result.text) }
    }
}

/// A tool's exit status and everything it printed, stdout and stderr together.
public struct ToolOutput: Sendable {
    public var status: Int32
    /// The output, without leading and trailing white space.
    public var text: String

    /// Runs `tool` (looked up on PATH; `env` exits 127 when it is not there) to completion, in
    /// `folder` when given, with `environment` instead of this process's when given; throws only
    /// when it cannot be started.
    public static func run(_ tool: String, _ arguments: [String], in folder: String? = nil, environment: [String: String]? = nil)
        throws -> ToolOutput
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ToolOutput(status: process.terminationStatus, text: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
