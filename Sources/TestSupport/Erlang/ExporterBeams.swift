import Foundation

/// Compiles the exporter and the control module once per process, into a directory that
/// nodes get with `-pa`.
///
/// The directory is named after a hash of both sources, so runs reuse it until a source
/// changes, and concurrent runs never see a half-written one (each compiles into a fresh
/// directory and renames it into place).
enum ExporterBeams {
    /// `exporters/erlang/src/backlog_exporter.erl` in the package this file was compiled from.
    static let exporterSource: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Erlang
        .deletingLastPathComponent()  // TestSupport
        .deletingLastPathComponent()  // Sources
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("exporters/erlang/src/backlog_exporter.erl")

    private static let compiled: Result<String, ErlangNodeError> = Result { () throws(ErlangNodeError) in
        try compile()
    }

    /// The directory holding `backlog_exporter.beam` and `backlog_test_control.beam`.
    static func directory() throws(ErlangNodeError) -> String {
        try compiled.get()
    }

    private static func compile() throws(ErlangNodeError) -> String {
        let exporter: Data
        do {
            exporter = try Data(contentsOf: exporterSource)
        } catch {
            throw .compileFailed(module: exporterSource.path, output: "cannot read: \(error)")
        }
        let control = Data(ControlModule.source.utf8)
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("backlog-erlang-beams")
        let final = base.appendingPathComponent(String(fnv1a(exporter + control), radix: 16))
        if FileManager.default.fileExists(atPath: final.appendingPathComponent("backlog_exporter.beam").path) {
            return final.path
        }
        let scratch = base.appendingPathComponent("tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            let controlFile = scratch.appendingPathComponent("\(ControlModule.name).erl")
            try control.write(to: controlFile)
            try erlc(exporterSource.path, into: scratch.path)
            try erlc(controlFile.path, into: scratch.path)
            try? FileManager.default.removeItem(at: controlFile)
        } catch let error as ErlangNodeError {
            try? FileManager.default.removeItem(at: scratch)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: scratch)
            throw .compileFailed(module: exporterSource.path, output: "\(error)")
        }
        // Another process may have won the race; its copy is as good as ours.
        if (try? FileManager.default.moveItem(at: scratch, to: final)) == nil {
            try? FileManager.default.removeItem(at: scratch)
        }
        return final.path
    }

    private static func erlc(_ source: String, into directory: String) throws(ErlangNodeError) {
        let result: ToolRun
        do { result = try ToolRun.run("erlc", ["-o", directory, source]) } catch { throw .toolMissing("/usr/bin/env") }
        if result.status == 127 { throw .toolMissing("erlc") }
        guard result.status == 0 else { throw .compileFailed(module: source, output: result.output) }
    }

    /// A stable 64-bit hash (Swift's `Hasher` is seeded per process).
    private static func fnv1a(_ data: Data) -> UInt64 {
        data.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}
