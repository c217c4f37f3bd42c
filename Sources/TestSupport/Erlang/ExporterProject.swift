public import Foundation
import ErlangAttach

/// A scratch copy of the exporter's rebar3 project (`exporters/erlang`), so rebar3 and Mix build
/// in a temporary folder and never into the repository.
public struct ExporterProject: Sendable {
    /// The copy's root: `rebar.config`, `src/`, `test/`.
    public let directory: String

    /// `exporters/erlang` in the package this file was compiled from.
    public static let source: URL = ExporterBeams.exporterSource
        .deletingLastPathComponent()  // src
        .deletingLastPathComponent()  // exporters/erlang

    /// Copies the project (without any `_build`) into a new folder under `parent`.
    public static func copy(into parent: String) throws -> ExporterProject {
        let directory = parent + "/backlog_exporter"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for entry in try FileManager.default.contentsOfDirectory(atPath: source.path) where entry != "_build" {
            try FileManager.default.copyItem(atPath: source.path + "/" + entry, toPath: directory + "/" + entry)
        }
        return ExporterProject(directory: directory)
    }
}

/// A tool run to completion in a folder, with its output (stdout and stderr together).
public struct ToolRun: Sendable {
    public var status: Int32
    public var output: String

    /// Runs `tool` (looked up on PATH) with `arguments` in `directory`, `environment` added to this
    /// process's; fails only when the tool cannot be started.
    public static func run(
        _ tool: String, _ arguments: [String] = [], in directory: String? = nil, environment: [String: String] = [:]
    ) throws -> ToolRun {
        let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let result = try ToolOutput.run(tool, arguments, in: directory, environment: merged)
        return ToolRun(status: result.status, output: result.text)
    }

    /// The same command as a process not yet started, its output going nowhere unless set.
    public static func process(_ tool: String, _ arguments: [String], in directory: String, environment: [String: String]) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return process
    }
}
